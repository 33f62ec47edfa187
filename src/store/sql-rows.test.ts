import { describe, expect, it } from "vitest";
import { chunk } from "./sql-rows.ts";

describe("chunk", () => {
  const list = (n: number) => Array.from({ length: n }, (_, i) => i);

  it("keeps every item, in order, and no piece over the size", () => {
    for (const size of [1, 10, 16, 200, 500])
      for (let n = 0; n <= 1200; n += 7) {
        const pieces = chunk(list(n), size);
        expect(pieces.flat()).toEqual(list(n));
        expect(pieces.every((piece) => piece.length > 0 && piece.length <= size)).toBe(true);
      }
  });

  it("cuts any length into a few shapes: the size, powers of two from 16, or under 16", () => {
    const shapes = new Set<number>();
    let most = 0;
    for (let n = 1; n <= 1000; n++) {
      const pieces = chunk(list(n), 200);
      for (const piece of pieces) shapes.add(piece.length);
      most = Math.max(most, pieces.length - Math.floor(n / 200));
    }
    expect([...shapes].sort((a, b) => a - b)).toEqual([...list(16).slice(1), 16, 32, 64, 128, 200]);
    expect(most).toBe(4); // 127 = 64 + 32 + 16 + 15, besides the full pieces
  });

  it("leaves a short list whole", () => {
    for (let n = 1; n < 16; n++) expect(chunk(list(n), 200)).toEqual([list(n)]);
  });
});
