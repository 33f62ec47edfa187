import { describe, expect, it } from "vitest";
import { renderVendorText } from "../sanitize.ts";
import { createTextRenderer } from "./text-cache.ts";

describe("createTextRenderer", () => {
  it("renders exactly like renderVendorText, from the cache the second time", () => {
    const render = createTextRenderer(2);
    const message = "Fixed <script>alert(1)</script>see https://x.example";
    expect(render(message)).toBe(renderVendorText(message));
    expect(render(message)).toBe(renderVendorText(message));
  });

  it("keeps at most `max` renderings, dropping the oldest", () => {
    const render = createTextRenderer(2);
    for (const m of ["a", "b", "c", "a"]) expect(render(m)).toBe(renderVendorText(m));
  });
});
