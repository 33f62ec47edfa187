// Bodies under the 5 MiB cap that used to grow into hundreds of megabytes inside the parsers. Each is
// read by its real adapter in a child process whose heap is capped at 48 MB: an amplifying parser
// crashes it (the code before the caps did, on the feeds and the HTML page), a bounded one refuses
// the body with a typed error. The peak RSS bound catches what lives outside the JS heap (the old
// cachet path reached 304 MB in JSON.parse).
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { HOSTILE_CASES } from "../../test/helpers/hostile-bodies.ts";

const SCRIPT = fileURLToPath(new URL("../../test/helpers/hostile-bodies.ts", import.meta.url));

describe("hostile bodies under the size cap", () => {
  it("each is a typed parse error, in a 48 MB heap, with bounded peak RSS", async () => {
    const names = Object.keys(HOSTILE_CASES);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--max-old-space-size=48", SCRIPT, ...names],
      { maxBuffer: 1024 * 1024 },
    );
    const results = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { name: string; kind: string; peakRssMb: number });
    expect(results.map(({ name, kind }) => ({ name, kind }))).toEqual(
      names.map((name) => ({ name, kind: "parse" })),
    );
    expect(Math.max(...results.map((r) => r.peakRssMb))).toBeLessThan(250);
  }, 60_000);
});
