// Migration 0018's backfill, for both databases' tests: a store written before the search index
// existed (the index is dropped and the migration forgotten in between) finds its incidents once
// reopened. More incidents than one page of the backfill.
import { expect } from "vitest";
import type { Store } from "../../src/store/store.ts";
import { at, incident, success, update, vendorInput } from "../store-contracts/fixtures.ts";

const COUNT = 501;

export async function writeIncidentsToIndex(store: Store): Promise<void> {
  await store.addVendor(vendorInput("acme"), at(0));
  const incidents = Array.from({ length: COUNT }, (_, n) =>
    incident("acme", `i${n}`, {
      title: `Outage number w${n}`,
      startedAt: at(1),
      updates: [update(`u${n}`, 1, { message: n === COUNT - 1 ? "Café déjà vu" : "Investigating." })],
    }),
  );
  await store.savePoll(success("acme", at(2), { incidents }));
}

export async function expectIndexed(store: Store): Promise<void> {
  const ids = async (text: string) =>
    (await store.searchIncidents({ text, limit: 500 })).map((i) => i.id).sort();
  expect(await ids("w0")).toEqual(["acme:i0"]);
  expect(await ids(`w${COUNT - 1}`)).toEqual([`acme:i${COUNT - 1}`]);
  expect(await ids("cafe deja")).toEqual([`acme:i${COUNT - 1}`]);
  expect(await ids("outage")).toHaveLength(500);
  expect(await ids("investigating w12")).toEqual(
    ["acme:i12", ...Array.from({ length: 10 }, (_, n) => `acme:i${120 + n}`)].sort(),
  );
}
