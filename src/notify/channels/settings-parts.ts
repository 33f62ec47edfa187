// Zod pieces several channel kinds' settings share.
import { z } from "zod";
import { forbiddenUrlReason } from "../../lib/safe-url.ts";

export const httpUrl = z
  .string()
  .refine(
    (value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol),
    "must be an http(s) URL",
  )
  // Refused when saved, not only when sent. The message never repeats the URL (it may be the secret).
  .refine(
    (value) => forbiddenUrlReason(value) === null,
    "must not point at a cloud metadata or link-local address",
  );

/** Standard Webhooks secrets: "whsec_" then base64 key bytes. */
export const webhookSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]{16,}={0,2}$/, 'must be "whsec_" followed by base64 (at least 12 bytes)');

export const emailAddress = z.email("must be an email address");

/** A host name or IP to dial (an SMTP server), refused when saved if it is a forbidden address. */
export const dialHost = z
  .string()
  .min(1)
  .refine(
    (host) =>
      forbiddenUrlReason(`http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}/`) ===
      null,
    "must not be a cloud metadata or link-local address",
  );
