import { describe, expect, it } from "vitest";
import { localFixture } from "../../test/helpers/fixture-http.ts";
import { startFakeVendor, type FakeVendor } from "../../test/helpers/fake-vendor.ts";
import type { IncidentSnapshot } from "../domain/model.ts";
import { createHttpClient } from "../lib/guarded-http.ts";
import { parseFeed } from "./feed-parse.ts";
import { aws, awsEventsSchema, mapAws } from "./aws.ts";
import { awsUpdateStatus, groupAwsItems, readAwsItems, splitAwsTitle } from "./aws-feed.ts";

const FEED = localFixture("aws/all.documented-format.rss");
const EVENTS = localFixture("aws/currentevents.documented-format.json");
const doc = (body = FEED) => parseFeed(body, "https://status.aws.amazon.com/rss/all.rss");
const events = (body = EVENTS) => awsEventsSchema.parse(JSON.parse(body));
const byId = (incidents: readonly IncidentSnapshot[], id: string) => incidents.find((i) => i.id === id);

/** One RSS item as AWS writes it; `epoch` is both the pubDate and the guid's suffix. */
function item(service: string, epoch: number, title: string, description: string): string {
  return `<item><title><![CDATA[${title}]]></title><link>http://status.aws.amazon.com/</link>
    <pubDate>${new Date(epoch * 1000).toUTCString()}</pubDate>
    <guid isPermaLink="false">http://status.aws.amazon.com/#${service}_${epoch}</guid>
    <description><![CDATA[${description}]]></description></item>`;
}
const rss = (...items: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>AWS</title>${items.join("")}</channel></rss>`;

describe("aws feed items", () => {
  it.each([
    ["Service is operating normally: [RESOLVED] Increased API Error Rates", "", "0", "resolved"],
    ["Service is operating normally: Instance Availability", "", "0", "resolved"],
    ["Informational message: [RESOLVED] API Error Rates", "", "1", "resolved"],
    [
      "Informational message: Increased API Error Rates",
      "We are investigating increased error rates.",
      "1",
      "investigating",
    ],
    [
      "Informational message: Errors",
      "Between 9:16 AM and 9:33 AM PST we experienced errors. The issue has been resolved and the service is operating.",
      "1",
      "resolved",
    ],
    [
      "Service degradation: Instance Availability",
      "We have identified the root cause and are working toward recovery.",
      "2",
      "identified",
    ],
    [
      "Performance issues: Elevated Latency",
      "Latencies are recovering. We continue to monitor recovery.",
      "2",
      "monitoring",
    ],
    ["Service disruption: Connectivity", "We are working to identify the root cause.", "3", "investigating"],
    ["Something new: Connectivity", "Odd words.", null, "investigating"],
  ])("%s / %s → code %s, %s", (title, message, code, status) => {
    expect(splitAwsTitle(title).code).toBe(code);
    expect(awsUpdateStatus(splitAwsTitle(title).code, title, message)).toBe(status);
  });

  it("the title's summary drops the state and the resolved mark", () => {
    expect(splitAwsTitle("Service is operating normally: [RESOLVED] Increased API Error Rates ")).toEqual({
      code: "0",
      summary: "Increased API Error Rates",
    });
  });

  it("reads the guid's service and epoch, PDT dates to UTC, escaped markup once", () => {
    const items = readAwsItems(doc());
    expect(items[0]).toMatchObject({
      service: "ec2-us-east-1",
      epoch: 1713171600,
      at: "2024-04-15T09:00:00.000Z",
    });
    const note = items.find((i) => i.epoch === 1715013000)!;
    expect(note.message).toContain('<a href="https://aws.amazon.com/message/000000/">here</a>');
  });
});

describe("aws feed grouping", () => {
  it("groups the fixture's items into events per service, closed by a resolving item", () => {
    const groups = groupAwsItems(readAwsItems(doc())).map((g) => [
      `${g[0]!.service}_${g[0]!.epoch}`,
      g.map((i) => i.status),
    ]);
    expect(groups).toEqual([
      ["ec2-us-east-1_1713171600", ["investigating", "resolved"]],
      ["ec2-eu-west-1_1714640400", ["resolved"]],
      ["sqs-ap-southeast-2_1714726800", ["investigating"]],
      // the note posted two hours after the resolution is the same event's follow-up
      [
        "dynamodb-us-east-1_1715000400",
        ["investigating", "identified", "monitoring", "resolved", "resolved"],
      ],
      ["lambda-eu-west-1_1715752800", ["investigating", "resolved"]],
      // same service and summary as April's, but that one closed: a new event
      ["ec2-us-east-1_1715767200", ["investigating", "identified"]],
    ]);
  });

  it.each([
    [
      "a reworded summary stays the service's only open event",
      [
        item("rds-us-east-1", 1000000000, "Informational message: Errors", "a"),
        item(
          "rds-us-east-1",
          1000000600,
          "Service is operating normally: [RESOLVED] Errors and Latency",
          "b",
        ),
      ],
      [["rds-us-east-1_1000000000", 2]],
    ],
    [
      "two open events with their own summaries stay apart",
      [
        item("rds-us-east-1", 1000000000, "Informational message: Errors", "a"),
        item("rds-us-east-1", 1000000100, "Informational message: Latency", "b"),
        item("rds-us-east-1", 1000000200, "Service is operating normally: [RESOLVED] Errors", "c"),
      ],
      [
        ["rds-us-east-1_1000000000", 2],
        ["rds-us-east-1_1000000100", 1],
      ],
    ],
    [
      "a resolution days later with the same summary is a new event",
      [
        item("rds-us-east-1", 1000000000, "Service is operating normally: [RESOLVED] Errors", "a"),
        item("rds-us-east-1", 1000400000, "Service is operating normally: [RESOLVED] Errors", "b"),
      ],
      [
        ["rds-us-east-1_1000000000", 1],
        ["rds-us-east-1_1000400000", 1],
      ],
    ],
    [
      "the same summary on another service is another event",
      [
        item("rds-us-east-1", 1000000000, "Informational message: Errors", "a"),
        item("rds-us-west-2", 1000000000, "Informational message: Errors", "b"),
      ],
      [
        ["rds-us-east-1_1000000000", 1],
        ["rds-us-west-2_1000000000", 1],
      ],
    ],
  ])("%s", (_name, items, expected) => {
    const groups = groupAwsItems(readAwsItems(doc(rss(...items))));
    expect(groups.map((g) => [`${g[0]!.service}_${g[0]!.epoch}`, g.length])).toEqual(expected);
  });
});

describe("aws feed matched with currentevents", () => {
  const merged = () => mapAws(events(), doc());

  it("one event is one incident: listed ones keep currentevents' state and gain no duplicate updates", () => {
    const { incidents, listsAllOpen } = merged();
    expect(listsAllOpen).toBe(true);
    expect(incidents.map((i) => [i.id, i.status])).toEqual([
      ["ec2-us-east-1_1715767200", "identified"],
      ["lambda-eu-west-1_1715752800", "resolved"],
      ["s3-us-west-2_1715770800", "investigating"], // not in the feed yet: currentevents alone
      ["ec2-us-east-1_1713171600", "resolved"],
      ["ec2-eu-west-1_1714640400", "resolved"],
      ["dynamodb-us-east-1_1715000400", "resolved"],
    ]);
    expect(byId(incidents, "ec2-us-east-1_1715767200")!.updates).toHaveLength(2);
    expect(byId(incidents, "ec2-us-east-1_1715767200")!.components[0]!.name).toBe(
      "Amazon Elastic Compute Cloud (N. Virginia)",
    );
  });

  it("an event open in the feed but not listed in currentevents is left out", () => {
    expect(byId(merged().incidents, "sqs-ap-southeast-2_1714726800")).toBeUndefined();
  });

  it("feed-only history: start from its first item, resolution at the first resolving one, impact from its worst state", () => {
    const ddb = byId(merged().incidents, "dynamodb-us-east-1_1715000400")!;
    expect([ddb.title, ddb.startedAt, ddb.impact, ddb.components[0]!.status]).toEqual([
      "Increased Error Rates",
      "2024-05-06T13:00:00.000Z",
      "critical",
      "operational",
    ]);
    expect(ddb.updates.map((u) => u.at).filter((_, i) => ddb.updates[i]!.status === "resolved")[0]).toBe(
      "2024-05-06T14:30:00.000Z",
    );
  });

  it.each([
    ["same second: one update", 0, "ec2-us-east-1_1715767200", 2],
    ["10 minutes later: matched, feed's id kept, its item added", 600, "ec2-us-east-1_1715767800", 3],
    ["20 minutes apart: not matched, the open feed event left out", 1200, "ec2-us-east-1_1715767200", 2],
  ])("currentevents vs feed start, %s", (_name, shift, id, updates) => {
    const start = 1715767200 + shift;
    const feed = doc(
      rss(
        item(
          "ec2-us-east-1",
          start,
          "Informational message: Increased API Error Rates",
          "We are investigating.",
        ),
      ),
    );
    const open = (i: IncidentSnapshot) => i.components[0]!.id === "ec2-us-east-1";
    const incidents = mapAws(events(), feed).incidents.filter(open);
    expect(incidents.map((i) => [i.id, i.updates.length])).toEqual([[id, updates]]);
  });
});

describe("aws feed over real HTTP", () => {
  async function readFrom(
    routes: Record<string, string | { status: number; body: string }>,
    feedUrl?: string,
  ) {
    const vendor: FakeVendor = await startFakeVendor({ "/public/currentevents": EVENTS, ...routes });
    const http = createHttpClient({ allowPrivateTargets: true });
    try {
      const page = { url: `${vendor.url}/health/status`, feedUrl: feedUrl && `${vendor.url}${feedUrl}` };
      return { result: await aws.read(page, { http }), hits: vendor.hits() };
    } finally {
      await http.close();
      await vendor.close();
    }
  }

  it("reads both: the feed's history joins the events", async () => {
    const { result, hits } = await readFrom({ "/rss/all.rss": FEED });
    expect(hits).toContain("/rss/all.rss");
    expect(result).toEqual({ unchanged: false, snapshot: mapAws(events(), doc()) });
    const ids = result.unchanged === false ? result.snapshot.incidents.map((i) => i.id) : [];
    expect(ids).toContain("dynamodb-us-east-1_1715000400");
  });

  it("a configured per-service feed is read instead of the all-services one", async () => {
    const one = rss(
      item(
        "ec2-us-east-1",
        1713171600,
        "Service is operating normally: [RESOLVED] Increased API Error Rates",
        "x",
      ),
    );
    const { result, hits } = await readFrom({ "/rss/ec2-us-east-1.rss": one }, "/rss/ec2-us-east-1.rss");
    expect(hits).not.toContain("/rss/all.rss");
    expect(result.unchanged === false && result.snapshot.incidents.map((i) => i.id)).toContain(
      "ec2-us-east-1_1713171600",
    );
  });

  it("no default feed (404): currentevents alone, still complete for open events", async () => {
    const { result } = await readFrom({});
    expect(result).toEqual({ unchanged: false, snapshot: mapAws(events()) });
    expect(result.unchanged === false && result.snapshot.listsAllOpen).toBe(true);
  });

  it.each([
    ["a malformed default feed", { "/rss/all.rss": "<rss><channel><item>" }, undefined, "parse"],
    [
      "an HTML page as the feed",
      { "/rss/all.rss": "<!DOCTYPE html><html><body>moved</body></html>" },
      undefined,
      "shape",
    ],
    ["a default feed failing with 500", { "/rss/all.rss": { status: 500, body: "oops" } }, undefined, "http"],
    ["a configured feed that is not there", {}, "/rss/gone.rss", "http"],
  ])("%s fails the read", async (_name, routes, feedUrl, kind) => {
    await expect(readFrom(routes, feedUrl)).rejects.toMatchObject({ name: "PingoruError", kind });
  });
});
