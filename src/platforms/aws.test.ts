import { describe, expect, it } from "vitest";
import { fixtureHttp, localFixture } from "../../test/helpers/fixture-http.ts";
import { startFakeVendor } from "../../test/helpers/fake-vendor.ts";
import { createHttpClient } from "../lib/guarded-http.ts";
import {
  AWS_ALL_FEED,
  aws,
  awsCodeStatus,
  awsEventsSchema,
  awsEventsUrl,
  awsFeedUrl,
  mapAws,
} from "./aws.ts";

const PAGE = "https://health.aws.amazon.com/health/status";
const EVENTS_URL = "https://health.aws.amazon.com/public/currentevents";
const EVENTS = localFixture("aws/currentevents.documented-format.json");
const events = (body = EVENTS) => awsEventsSchema.parse(JSON.parse(body));
const eachEvent = (body: string, edit: (e: Record<string, unknown>) => void) =>
  JSON.stringify(
    (JSON.parse(body) as Record<string, unknown>[]).map((e) => {
      edit(e);
      return e;
    }),
  );

/** What the dashboard sends: UTF-16LE with a byte order mark. */
const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);

describe("aws mapping", () => {
  it.each([
    ["0", "operational"],
    ["1", "degraded_performance"],
    ["2", "partial_outage"],
    ["3", "major_outage"],
    ["7", "unknown"],
    ["", "unknown"],
  ])("status code %s → %s", (raw, status) => {
    expect(awsCodeStatus(raw)).toBe(status);
  });

  it("the events URL is on the dashboard's host, whatever page is given", () => {
    expect(awsEventsUrl(PAGE)).toBe(EVENTS_URL);
    expect(awsEventsUrl(EVENTS_URL)).toBe(EVENTS_URL);
  });

  it.each([
    [{ url: PAGE }, AWS_ALL_FEED],
    [{ url: "https://status.aws.amazon.com/" }, AWS_ALL_FEED],
    [{ url: "http://127.0.0.1:9/health/status" }, "http://127.0.0.1:9/rss/all.rss"],
    [
      { url: PAGE, feedUrl: "https://status.aws.amazon.com/rss/ec2-us-east-1.rss" },
      "https://status.aws.amazon.com/rss/ec2-us-east-1.rss",
    ],
  ])("feed of %o is %s", (page, url) => {
    expect(awsFeedUrl(page)).toBe(url);
  });

  it("services seen are components, grouped by region, at their event's code", () => {
    expect(mapAws(events()).components.map((c) => [c.id, c.group, c.status, c.rawStatus])).toEqual([
      ["ec2-us-east-1", "N. Virginia", "partial_outage", "2"],
      ["lambda-eu-west-1", "Ireland", "operational", "0"],
      ["s3-us-west-2", "Oregon", "degraded_performance", "1"],
    ]);
  });

  it("one service's worst open event sets its state", () => {
    const list = JSON.parse(EVENTS) as Record<string, unknown>[];
    list.push({ ...list[0], arn: "arn:second", status: "3" });
    const ec2 = mapAws(awsEventsSchema.parse(list)).components[0]!;
    expect([ec2.status, ec2.rawStatus]).toEqual(["major_outage", "3"]);
  });

  it("events are incidents: epoch-second times, log oldest first, 0 resolves, impact from the code", () => {
    const [ec2, lambda, s3] = mapAws(events()).incidents;
    expect(ec2).toMatchObject({
      id: "ec2-us-east-1_1715767200",
      title: "Increased API Error Rates",
      status: "identified",
      impact: "major",
      startedAt: "2024-05-15T10:00:00.000Z",
      components: [{ id: "ec2-us-east-1", status: "partial_outage" }],
    });
    expect(ec2!.updates.map((u) => [u.id, u.status, u.at])).toEqual([
      ["ec2-us-east-1_1715767200", "investigating", "2024-05-15T10:00:00.000Z"],
      ["ec2-us-east-1_1715769000", "identified", "2024-05-15T10:30:00.000Z"],
    ]);
    expect([lambda!.status, lambda!.impact]).toEqual(["resolved", "minor"]);
    expect(lambda!.updates.map((u) => u.status)).toEqual(["investigating", "resolved"]);
    expect(s3!.title).toBe("Delayed S3 Event Notifications"); // the state prefix is not the title
  });

  it("an open event's code keeps it open even when its newest words say resolved", () => {
    const body = eachEvent(EVENTS, (e) => {
      if (e.service !== "ec2-us-east-1") return;
      (e.event_log as { message: string }[])[1]!.message = "The issue has been resolved.";
    });
    const ec2 = mapAws(events(body)).incidents[0]!;
    expect([ec2.status, ec2.updates.at(-1)!.status]).toEqual(["investigating", "resolved"]);
  });

  it("an empty dashboard is an empty snapshot; [] alone is not enough to detect AWS elsewhere", async () => {
    const http = fixtureHttp({
      [EVENTS_URL]: { body: "[]" },
      "https://x.test/public/currentevents": { body: "[]" },
    });
    const result = await aws.read({ url: PAGE }, { http });
    expect(result).toEqual({
      unchanged: false,
      snapshot: { pageName: "AWS Health Dashboard", components: [], incidents: [], listsAllOpen: true },
    });
    expect(await aws.detect(PAGE, { http })).toMatchObject({ kind: "aws" });
    expect(await aws.detect("https://x.test", { http })).toBeNull();
  });
});

describe("aws over real HTTP: UTF-16LE with a BOM", () => {
  it("the client decodes the body and the events read as in UTF-8", async () => {
    const vendor = await startFakeVendor({
      "/public/currentevents": { body: utf16(EVENTS), headers: { "content-type": "application/json" } },
    });
    const http = createHttpClient({ allowPrivateTargets: true });
    try {
      const result = await aws.read({ url: `${vendor.url}/health/status` }, { http });
      expect(result).toEqual({ unchanged: false, snapshot: mapAws(events()) });
    } finally {
      await http.close();
      await vendor.close();
    }
  });
});
