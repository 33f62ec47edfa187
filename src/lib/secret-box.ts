// Secrets at rest (PINGORU_SECRET_KEY): AES-256-GCM, a fresh 96-bit IV per value. A sealed value is
// text, `enc:v1:<key id>:<iv>:<ciphertext and tag>` (base64url), so it fits where the plain value
// was. The key id (8 hex digits of a digest of the key) names the key that sealed it: after a
// rotation the previous keys still open what they sealed, and a value sealed with a key that is not
// given says which one it needs. Values that are not sealed pass through open() unchanged, so
// encryption can be turned on over an existing database (they are sealed when next written).
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { PingoruError } from "./errors.ts";

const PREFIX = "enc:v1:";
const MIN_KEY_CHARS = 32;

export interface SecretBox {
  /** The key id of the key that seals. */
  readonly keyId: string;
  seal(plain: string): string;
  /** The plain value of a sealed one; any other value as it is. */
  open(value: string): string;
}

/** `current` seals and opens; `previous` keys only open (a rotation in progress). */
export function createSecretBox(current: string, previous: readonly string[] = []): SecretBox {
  const keys = new Map([current, ...previous].map((text) => [keyIdOf(text), deriveKey(text)] as const));
  const keyId = keyIdOf(current);
  const key = keys.get(keyId)!;
  return {
    keyId,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(keyId));
      const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
      return `${PREFIX}${keyId}:${iv.toString("base64url")}:${sealed.toString("base64url")}`;
    },
    open(value) {
      if (!isSealed(value)) return value;
      const [id, iv, sealed] = value.slice(PREFIX.length).split(":");
      const openKey = keys.get(id ?? "");
      if (openKey === undefined) throw unknownKey(id ?? "?");
      try {
        const bytes = Buffer.from(sealed ?? "", "base64url");
        const decipher = createDecipheriv("aes-256-gcm", openKey, Buffer.from(iv ?? "", "base64url"));
        decipher.setAAD(Buffer.from(id!));
        decipher.setAuthTag(bytes.subarray(bytes.length - 16));
        return Buffer.concat([
          decipher.update(bytes.subarray(0, bytes.length - 16)),
          decipher.final(),
        ]).toString("utf8");
      } catch {
        throw new PingoruError(
          "input",
          `a stored secret sealed with key ${id} does not open: it was altered`,
        );
      }
    },
  };
}

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

/** The error for a sealed value when no key (or not its key) is given. */
export function unknownKey(id: string): PingoruError {
  return new PingoruError(
    "input",
    `a stored secret is sealed with key ${id}, which is not given: set PINGORU_SECRET_KEY (or PINGORU_SECRET_KEY_PREVIOUS) to it`,
  );
}

function deriveKey(text: string): Buffer {
  if (text.length < MIN_KEY_CHARS)
    throw new PingoruError(
      "input",
      `PINGORU_SECRET_KEY must be at least ${MIN_KEY_CHARS} characters (for example: openssl rand -base64 32)`,
    );
  return Buffer.from(hkdfSync("sha256", text, "pingoru", "secrets at rest v1", 32));
}

function keyIdOf(text: string): string {
  return createHash("sha256").update(`pingoru key id:${text}`).digest("hex").slice(0, 8);
}
