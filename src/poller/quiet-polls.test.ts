import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore } from "../store/open-store.ts";
import type { QuietPoll, Store } from "../store/store.ts";
import { createQuietPollWriter } from "./quiet-polls.ts";

let store: Store;
const at = (s: number) => new Date(Date.UTC(2026, 7, 1, 0, 0, s)).toISOString();

beforeEach(async () => {
  store = await openStore(":memory:");
  for (const slug of ["a", "b", "c"])
    await store.addVendor({ slug, name: slug, url: `https://${slug}.example`, platform: "feed" }, at(0));
});
afterEach(() => store.close());

describe("quiet poll writer", () => {
  it("writes the polls that arrive together in one batch, and each poll waits for its row", async () => {
    const batches: string[][] = [];
    const writer = createQuietPollWriter({
      markPolled: (polls: readonly QuietPoll[]) => {
        batches.push(polls.map((p) => p.vendor));
        return store.markPolled(polls);
      },
    });
    await Promise.all(
      ["a", "b", "c"].map((vendor) => writer.write({ vendor, polledAt: at(1), nextPollAt: at(61) })),
    );
    expect(batches).toEqual([["a", "b", "c"]]);
    for (const slug of ["a", "b", "c"])
      expect(await store.getVendor(slug)).toMatchObject({ lastPolledAt: at(1), nextPollAt: at(61) });
  });

  it("a full batch is written at once, and a failed write fails every poll in it", async () => {
    const writer = createQuietPollWriter(
      {
        markPolled: async () => {
          throw new Error("disk full");
        },
      },
      { flushMs: 60_000, maxBatch: 2 },
    );
    const polls = ["a", "b"].map((vendor) => writer.write({ vendor, polledAt: at(1), nextPollAt: at(61) }));
    for (const poll of polls) await expect(poll).rejects.toThrow("disk full");
  });
});
