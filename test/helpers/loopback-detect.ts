// Detection through the real HTTP client against a real loopback server serving only given paths.
import type { Detection } from "../../src/platforms/platform.ts";
import { createHttpClient } from "../../src/lib/guarded-http.ts";
import { detectPlatform } from "../../src/platforms/registry.ts";
import { startFakeVendor, type Answer } from "./fake-vendor.ts";

/** Serves `paths` on 127.0.0.1, runs every detector on the server's URL (plus `suffix`), then closes. */
export async function detectOnLoopback(
  paths: Record<string, Answer | string>,
  suffix = "",
): Promise<{ detection: Detection; hits: string[] }> {
  const vendor = await startFakeVendor(paths);
  const http = createHttpClient({ allowPrivateTargets: true });
  try {
    const detection = await detectPlatform(vendor.url + suffix, { http });
    return { detection, hits: vendor.hits() };
  } finally {
    await http.close();
    await vendor.close();
  }
}
