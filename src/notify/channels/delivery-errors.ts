// DeliveryErrors that name the channel and never carry a secret. Raw errors from libraries are
// summarized, not chained as causes: their messages, properties or stacks may hold a URL with a
// token, a request body with a routing key, or an SMTP AUTH line.
import { DeliveryError } from "../channel.ts";

export interface ChannelLabel {
  id: string;
  type: string;
  /** Values that must never appear in an error: secrets, secret URLs and their paths. */
  secrets: readonly string[];
}

/** Replaces every secret (and its URL-encoded form) in `text` with <secret>. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join("<secret>");
  }
  return out;
}

/** The strings that give a secret URL away: the URL itself and its path with query. */
export function urlSecrets(url: string): string[] {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  const path = parsed ? `${parsed.pathname}${parsed.search}` : "";
  return path.length > 8 ? [url, path] : [url];
}

export function deliveryError(
  channel: ChannelLabel,
  message: string,
  init: { retryable: boolean; retryAfterSeconds?: number | undefined; gone?: boolean },
): DeliveryError {
  return new DeliveryError(
    redact(`${channel.type} channel ${channel.id}: ${message}`, channel.secrets),
    init,
  );
}

/** One line about a library error: its code and first line of message, redacted by deliveryError. */
export function summarizeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error).split("\n")[0] ?? "error";
  const code = (error as { code?: unknown }).code;
  const first = error.message.split("\n")[0] ?? "";
  return typeof code === "string" && !first.includes(code) ? `${code}: ${first}` : first;
}
