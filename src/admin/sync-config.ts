// Config as code for notifications: the file's channels and subscriptions are written to the store on
// start (and on SIGHUP). Upsert only: an entry deleted from the file stays in the store until removed
// by CLI or API (the store does not record where an entry came from).
import type { Settings } from "../config/schema.ts";
import { PingoruError } from "../lib/errors.ts";
import type { Store } from "../store/store.ts";

export interface NotifySyncResult {
  channels: number;
  subscriptions: number;
}

/**
 * Upserts the configured channels, then the subscriptions. A subscription naming a channel that is
 * neither in the file nor in the store fails the whole sync before any subscription is written.
 * A channel whose settings did not change keeps its disabled state (see Store.upsertChannel).
 */
export async function syncNotifyConfig(
  store: Store,
  settings: Pick<Settings, "channels" | "subscriptions">,
): Promise<NotifySyncResult> {
  for (const channel of settings.channels) await store.upsertChannel(channel);
  const known = new Set((await store.listChannels()).map((c) => c.id));
  const orphan = settings.subscriptions.find((s) => !known.has(s.channel));
  if (orphan !== undefined)
    throw new PingoruError("input", `subscription ${orphan.id}: channel "${orphan.channel}" is not defined`);
  for (const subscription of settings.subscriptions) await store.upsertSubscription(subscription);
  return { channels: settings.channels.length, subscriptions: settings.subscriptions.length };
}
