// What a vendor's config says about a page with no API: where its components are and what its words
// mean. Validated when the config is loaded and again when the page is read (options are stored JSON).
import { z } from "zod";
import { COMPONENT_STATUSES } from "../domain/model.ts";
import { PingoruError } from "../lib/errors.ts";

const selector = z.string().trim().min(1, "a CSS selector");

export const htmlOptionsSchema = z.strictObject({
  /** Matches one element per component, in page order. */
  component: selector,
  /** Within a component: the element whose text is its name; the component element itself when absent. */
  name: selector.optional(),
  /** Within a component: the element that shows its status; the component element itself when absent. */
  status: selector.optional(),
  /** Read the status from this attribute of the status element (class, data-status…) instead of its text. */
  status_attribute: z.string().trim().min(1).optional(),
  /** The page's words → statuses. Matched ignoring case and spacing; a word found inside the text counts. */
  statuses: z
    .record(z.string().trim().min(1), z.enum(COMPONENT_STATUSES))
    .refine((words) => Object.keys(words).length > 0, "at least one word → status"),
});
export type HtmlOptions = z.output<typeof htmlOptionsSchema>;

/**
 * The platform and its options where a page's selectors may be given (CLI --html, the admin form):
 * selectors mean html, and no other platform. `given` names the selectors in the error.
 */
export function htmlPagePlatform(
  options: { platform?: string | undefined; html?: HtmlOptions | undefined },
  given = "html selectors",
) {
  if (options.html === undefined) return { platform: options.platform, platformOptions: null };
  if ((options.platform ?? "html") !== "html")
    throw new PingoruError("input", `${given} are for platform html, not ${options.platform}`);
  return { platform: "html" as const, platformOptions: options.html };
}
