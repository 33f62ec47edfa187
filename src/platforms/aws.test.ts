import { describe, expect, it } from "vitest";
import { platformContract, setEmpty } from "../../test/platform-contract.ts";
import { fixtureHttp, localFixture } from "../../test/helpers/fixture-http.ts";
import { foreignPagesFor } from "../../test/helpers/foreign-pages.ts";
import { startFakeVendor } from "../../test/helpers/fake-vendor.ts";
import { createHttpClient } from "./http.ts";
import { aws, awsCodeStatus, awsEventsSchema, awsEventsUrl, mapAws } from "./aws.ts";

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

platformContract("aws", {
  platform: aws,
  url: PAGE,
  fixtures: { [EVENTS_URL]: EVENTS },
  primaryUrl: EVENTS_URL,
  minComponents: 3,
  minIncidents: 3,
  injectUnknownStatus: (b) => ({ body: eachEvent(b, (e) => void (e.status = "7")), raw: "7" }),
  emptyLists: [
    { name: "an event's log", apply: (b, form) => eachEvent(b, (e) => setEmpty(e, "event_log", form)) },
  ],
  foreign: foreignPagesFor("aws"),
});

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
    const [ec2, lambda] = mapAws(events()).incidents;
    expect(ec2).toMatchObject({
      title: "Increased API Error Rates",
      status: "investigating",
      impact: "major",
      startedAt: "2024-05-15T10:00:00.000Z",
      components: [{ id: "ec2-us-east-1", status: "partial_outage" }],
    });
    expect(ec2!.updates.map((u) => [u.status, u.at])).toEqual([
      ["investigating", "2024-05-15T10:00:00.000Z"],
      ["investigating", "2024-05-15T10:30:00.000Z"],
    ]);
    expect([lambda!.status, lambda!.impact]).toEqual(["resolved", "minor"]);
    expect(lambda!.updates.map((u) => u.status)).toEqual(["investigating", "resolved"]);
  });

  it("an empty dashboard is an empty snapshot; [] alone is not enough to detect AWS elsewhere", async () => {
    const http = fixtureHttp({
      [EVENTS_URL]: { body: "[]" },
      "https://x.test/public/currentevents": { body: "[]" },
    });
    const result = await aws.read({ url: PAGE }, { http });
    expect(result).toEqual({
      unchanged: false,
      snapshot: { pageName: "AWS Health Dashboard", components: [], incidents: [] },
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
