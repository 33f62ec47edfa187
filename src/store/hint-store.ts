// Push hints (migration 0013): a vendor's page may tell Pingoru that something changed, at a URL that
// holds the vendor's secret token. A hint is never data: it only makes the vendor due now, and the poll
// decides what happened.
import type { Iso } from "../domain/model.ts";

export interface HintStore {
  /** The vendor's hint token, made on first ask and kept; null when there is no such vendor. */
  hintToken(slug: string): Promise<string | null>;
  /**
   * A hint for the vendor whose token this is: due at `now` when no worker holds it, else polled again as
   * soon as the poll in flight is written (its lease is recognised by its holder, which serve always
   * names). Records when the hint came. False, and nothing changed, when slug and token do not match.
   */
  hintVendor(slug: string, token: string, now: Iso): Promise<boolean>;
}
