import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createBodyGate } from "./body-gate.ts";
import { readBody } from "./http-body.ts";

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe("createBodyGate", () => {
  it("lets `slots` in at once, the next in order as each leaves; leaving twice frees one slot", async () => {
    const gate = createBodyGate(1, 10);
    const first = await gate.enter();
    const order: string[] = [];
    const second = gate.enter().then((leave) => (order.push("second"), leave));
    const third = gate.enter().then((leave) => (order.push("third"), leave));
    await settled();
    expect(order).toEqual([]);
    first();
    first();
    await settled();
    expect(order).toEqual(["second"]);
    (await second)();
    (await third)();
    expect(order).toEqual(["second", "third"]);
  });
});

describe("readBody through a gate", () => {
  const body = (chunks: number) => Readable.from(Array.from({ length: chunks }, () => Buffer.alloc(100, 65)));

  it("reads a small body without a slot, and a large one only once a slot is free", async () => {
    const gate = createBodyGate(1, 150);
    expect((await readBody(body(1), {}, 10_000, "u", gate)).length).toBe(100); // never asked
    const held = await gate.enter();
    let done = false;
    const large = readBody(body(5), {}, 10_000, "u", gate).then((bytes) => ((done = true), bytes));
    await settled();
    expect(done).toBe(false);
    held();
    expect((await large).length).toBe(500);
    const again = await gate.enter(); // the large read gave its slot back
    again();
  });
});
