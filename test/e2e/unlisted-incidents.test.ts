// Pages that list only open incidents (status.io's status document here) end an incident by dropping
// it. Served by a real loopback server, polled into a real store: the record resolves it at the first
// poll that saw it gone, says so in the timeline, notifies once, and gives way if the vendor lists it again.
import { afterEach, describe, expect, it } from "vitest";
import { UNLISTED_MESSAGE } from "../../src/domain/unlisted.ts";
import { sharedFixture } from "../helpers/fixture-http.ts";
import { startFakeVendor, type FakeVendor } from "../helpers/fake-vendor.ts";
import { openHarness, type Harness } from "./harness.ts";

const PAGE_ID = "5b36dc6502d06804c08349f7";
const PATH = `/1.0/status/${PAGE_ID}`;
const WITH_INCIDENT = sharedFixture("statusio/gitlab-status-security-issue.json");
const raw = JSON.parse(WITH_INCIDENT) as { result: { incidents: { _id: string; messages: unknown[] }[] } };
const VENDOR_INCIDENT = raw.result.incidents[0]!._id;
const WITHOUT_INCIDENT = JSON.stringify({ ...raw, result: { ...raw.result, incidents: [] } });

let vendor: FakeVendor | null = null;
let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  await vendor?.close();
});

async function watchGitlab() {
  vendor = await startFakeVendor({ [PATH]: WITH_INCIDENT });
  h = await openHarness({ start: "2020-02-10T09:00:00.000Z" });
  await h.add({ url: `${vendor.url}${PATH}`, slug: "gitlab", platform: "statusio" });
  return { h, vendor };
}

const theIncident = async (h: Harness) =>
  (await h.incidents("gitlab")).find((i) => i.vendorIncidentId === VENDOR_INCIDENT)!;

describe("status.io: an incident that drops off the status document", () => {
  it("is resolved at the first poll that no longer lists it, with Pingoru's own update saying so", async () => {
    const { h, vendor } = await watchGitlab();
    const open = await theIncident(h);
    expect(open).toMatchObject({ status: "identified", resolvedAt: null, seenLive: true });
    expect(open.updates).toHaveLength(raw.result.incidents[0]!.messages.length);

    h.clock.advance(600);
    vendor.serve(PATH, WITHOUT_INCIDENT);
    const outcome = await h.poll("gitlab");
    const gone = h.clock.now.toISOString();
    const resolved = await theIncident(h);
    expect(resolved).toMatchObject({ status: "resolved", resolvedAt: gone, startedAt: open.startedAt });
    expect(resolved.updates.slice(0, -1)).toEqual(open.updates);
    expect(resolved.updates.at(-1)).toMatchObject({
      status: "resolved",
      at: gone,
      message: UNLISTED_MESSAGE,
    });
    expect(resolved.affectedComponents).toEqual(open.affectedComponents);
    expect(outcome.events.filter((e) => e.type === "incident.resolved")).toHaveLength(1);
    const api = (await h.api(`/api/v1/incidents/${resolved.id}`)) as { duration_seconds: number };
    expect(api.duration_seconds).toBe(Math.round((Date.parse(gone) - Date.parse(open.startedAt)) / 1000));

    h.clock.advance(600);
    const again = await h.poll("gitlab");
    expect(again.events).toEqual([]);
    expect((await theIncident(h)).resolvedAt).toBe(gone);
  });

  it("is open again, without the inferred ending, when the vendor lists it again", async () => {
    const { h, vendor } = await watchGitlab();
    const open = await theIncident(h);
    vendor.serve(PATH, WITHOUT_INCIDENT);
    h.clock.advance(600);
    await h.poll("gitlab");
    vendor.serve(PATH, WITH_INCIDENT);
    h.clock.advance(600);
    const outcome = await h.poll("gitlab");
    const back = await theIncident(h);
    expect(back).toMatchObject({ status: open.status, resolvedAt: null });
    expect(back.updates).toEqual(open.updates);
    expect(outcome.events.map((e) => [e.type, e.data.reopened])).toEqual([["incident.updated", true]]);
  });

  it("a page that is not complete (a feed) leaves an incident that drops off open", async () => {
    const item = (id: string) =>
      `<entry><id>tag:x,2020:${id}</id><title>Degraded ${id}</title><updated>2020-02-10T08:00:00Z</updated>` +
      `<link href="https://x.test/${id}"/><content type="html">&lt;p&gt;&lt;strong&gt;Investigating&lt;/strong&gt; - ` +
      `Looking into it.&lt;/p&gt;</content></entry>`;
    const feed = (...ids: string[]) =>
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>X</title><id>x</id>` +
      `<updated>2020-02-10T08:00:00Z</updated>${ids.map(item).join("")}</feed>`;
    vendor = await startFakeVendor({ "/history.atom": feed("a", "b") });
    h = await openHarness({ start: "2020-02-10T09:00:00.000Z" });
    await h.add({ url: `${vendor.url}/history.atom`, slug: "x", platform: "feed" });
    expect((await h.incidents("x")).map((i) => i.status)).toEqual(["investigating", "investigating"]);
    vendor.serve("/history.atom", feed("a"));
    h.clock.advance(600);
    await h.poll("x");
    expect((await h.incidents("x")).map((i) => [i.status, i.resolvedAt])).toEqual([
      ["investigating", null],
      ["investigating", null],
    ]);
  });
});
