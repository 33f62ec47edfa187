// A response body as the guarded client reads it: decompressed, capped as it streams (gzip bombs stop
// at the cap), and decoded to text by its BOM or charset.
import { pipeline } from "node:stream";
import type { Readable } from "node:stream";
import { constants, createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import type { BodyGate } from "./body-gate.ts";
import { PingoruError } from "./errors.ts";

/**
 * Reads the (decompressed) body, aborting as soon as it passes the cap; once it is large, only with
 * a slot of the gate.
 */
export async function readBody(
  body: Readable,
  headers: Record<string, string>,
  max: number,
  url: string,
  gate?: BodyGate,
) {
  const tooLarge = () => new PingoruError("too_large", `body of ${url} is over ${max} bytes`, { url });
  if (Number(headers["content-length"] ?? 0) > max) {
    body.destroy();
    throw tooLarge();
  }
  const decoded = decoders(headers["content-encoding"], url).reduce<Readable>(
    (source, decoder) => pipeline(source, decoder, () => {}),
    body,
  );
  const chunks: Buffer[] = [];
  let size = 0;
  let release: (() => void) | undefined;
  try {
    for await (const chunk of decoded as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > max) {
        decoded.destroy();
        body.destroy();
        throw tooLarge();
      }
      chunks.push(chunk);
      if (gate && !release && size > gate.largeBytes) release = await gate.enter();
    }
    return Buffer.concat(chunks);
  } finally {
    release?.();
  }
}

// Sync flush tolerates a truncated stream the way browsers (and fetch) do.
function decoders(contentEncoding: string | undefined, url: string) {
  const codings = (contentEncoding ?? "")
    .toLowerCase()
    .split(",")
    .map((c) => c.trim());
  return codings
    .filter((c) => c !== "" && c !== "identity")
    .reverse() // listed in the order they were applied
    .map((coding) => {
      const zlibFlush = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };
      if (coding === "gzip" || coding === "x-gzip") return createGunzip(zlibFlush);
      if (coding === "deflate") return createInflate(zlibFlush);
      if (coding === "br") return createBrotliDecompress();
      throw new PingoruError("parse", `unsupported Content-Encoding ${coding} from ${url}`, { url });
    });
}

/** Bytes to text: a BOM wins, then the Content-Type charset (e.g. utf-16), else UTF-8. */
export function decodeBody(bytes: Uint8Array, contentType: string | undefined): string {
  const label = bomEncoding(bytes) ?? /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? "")?.[1] ?? "utf-8";
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes); // a charset TextDecoder does not know
  }
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return undefined;
}
