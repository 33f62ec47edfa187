// Zod pieces several channel kinds' settings share.
import { z } from "zod";

export const httpUrl = z
  .string()
  .refine(
    (value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol),
    "must be an http(s) URL",
  );

/** Standard Webhooks secrets: "whsec_" then base64 key bytes. */
export const webhookSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]{16,}={0,2}$/, 'must be "whsec_" followed by base64 (at least 12 bytes)');

export const emailAddress = z.email("must be an email address");
