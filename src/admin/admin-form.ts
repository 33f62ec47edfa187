// The admin pages' forms: reading fields, and the "add a vendor" form's platform and HTML selectors.
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { formatIssue } from "../config/load.ts";
import { describeError, isPingoruError, PingoruError } from "../lib/errors.ts";
import { htmlOptionsSchema, htmlPagePlatform, type HtmlOptions } from "../platforms/html-options.ts";
import type { AddVendorFields } from "./ui/admin-view.ts";
import type { AdminDeps } from "./admin-api.ts";
import { PLATFORM_KINDS } from "../platforms/kinds.ts";

export type Form = Record<string, string | File | (string | File)[]>;

/**
 * Bodies are capped before they are read (Hono's bodyLimit: a Content-Length over the cap is refused
 * at once, a chunked body once it passes it), so nobody, signed in or not, can make the server buffer
 * more: forms up to 64 KiB, the admin API's JSON up to 1 MiB.
 */
export const FORM_LIMIT_BYTES = 64 * 1024;
export const JSON_LIMIT_BYTES = 1024 * 1024;

export const limitBody = (maxSize: number, answer: (c: Context, message: string) => Response) =>
  bodyLimit({
    maxSize,
    onError: (c) => answer(c, `request body over ${maxSize / 1024} KiB`),
  });

// Always with `all`: Hono caches the first parse, and checkbox lists need every value.
export const readForm = (c: Context): Promise<Form> => c.req.parseBody({ all: true });

export function field(form: Form, name: string): string {
  const value = form[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first.trim() : "";
}

export function fields(form: Form, name: string): string[] {
  const value = form[name];
  const all = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return all.filter((v): v is string => typeof v === "string" && v.trim() !== "").map((v) => v.trim());
}

/** The "add a vendor" form as the user filled it (the preview page sends the same names). */
export function addVendorFields(form: Form): AddVendorFields {
  const [url, feed, platform, html] = [
    field(form, "url"),
    field(form, "feed"),
    field(form, "platform"),
    field(form, "html"),
  ];
  return { url, feed, platform, html, htmlInvalid: false };
}

type FormPage = { platform: string | undefined; platformOptions: HtmlOptions | null };

/** The form's platform and HTML selectors (selectors mean html, as --html does), or why they are not. */
export function formPage(form: Form): FormPage | { error: string } {
  try {
    const platform = PLATFORM_KINDS.find((k) => k === field(form, "platform"));
    const text = field(form, "html");
    if (platform === "html" && !text) throw new PingoruError("input", "platform html needs HTML selectors");
    return htmlPagePlatform({ platform, html: text ? parseSelectors(text) : undefined }, "HTML selectors");
  } catch (error) {
    if (!isPingoruError(error)) throw error;
    return { error: describeError(error) };
  }
}

/** Validated as the config file's html: key, and said the same way (the key at fault). */
function parseSelectors(text: string): HtmlOptions {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PingoruError("input", `HTML selectors: not JSON: ${describeError(error)}`);
  }
  const result = htmlOptionsSchema.safeParse(value);
  if (!result.success) throw new PingoruError("input", `HTML selectors: ${formatIssue(result.error)}`);
  return result.data;
}

/** What the notification forms borrow from the admin pages: the redirect after an action and its error page. */
export interface AdminFormHelpers {
  done(c: Context, what: string, subject: string): Response;
  orError(c: Context, deps: AdminDeps, attempt: () => Promise<Response>, what: string): Promise<Response>;
}
