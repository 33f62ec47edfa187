import { describe, expect, it } from "vitest";
import { createSecretBox, isSealed } from "./secret-box.ts";

const KEY = "k".repeat(32);
const NEW_KEY = "n".repeat(40);

describe("secret box", () => {
  it("seals to text that holds nothing of the value, differently each time, and opens it again", () => {
    const box = createSecretBox(KEY);
    const a = box.seal("https://hooks.slack.com/services/T0/B0/secret");
    const b = box.seal("https://hooks.slack.com/services/T0/B0/secret");
    expect(isSealed(a)).toBe(true);
    expect(a).not.toContain("secret");
    expect(a).not.toBe(b);
    expect(box.open(a)).toBe("https://hooks.slack.com/services/T0/B0/secret");
    expect(box.open("not sealed")).toBe("not sealed");
  });

  it("refuses an altered value, and says which key a value needs when it is not given", () => {
    const box = createSecretBox(KEY);
    const sealed = box.seal("s3cret");
    // One bit of the ciphertext flipped (editing base64 text may only touch its padding bits).
    const head = sealed.slice(0, sealed.lastIndexOf(":") + 1);
    const bytes = Buffer.from(sealed.slice(head.length), "base64url");
    bytes[0]! ^= 1;
    const altered = head + bytes.toString("base64url");
    expect(() => box.open(altered)).toThrow(/does not open: it was altered/);
    expect(() => createSecretBox(NEW_KEY).open(sealed)).toThrow(
      new RegExp(`sealed with key ${box.keyId}, which is not given`),
    );
  });

  it("rotates: the new key seals, the previous still opens what it sealed", () => {
    const old = createSecretBox(KEY).seal("s3cret");
    const rotated = createSecretBox(NEW_KEY, [KEY]);
    expect(rotated.open(old)).toBe("s3cret");
    expect(rotated.seal("x").split(":")[2]).toBe(createSecretBox(NEW_KEY).keyId);
  });

  it("refuses a short key in one line", () => {
    expect(() => createSecretBox("short")).toThrow(/at least 32 characters/);
  });
});
