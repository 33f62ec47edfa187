// AWS's contract spec: the Health Dashboard's current events and its all-services RSS feed, from
// documented-format fixtures.
import { AWS_ALL_FEED } from "../../src/platforms/aws.ts";
import { localFixture } from "../helpers/fixture-http.ts";
import { foreignPagesFor } from "../helpers/foreign-pages.ts";
import { setEmpty } from "../platform-contract.ts";
import type { PlatformSpec } from "../platform-contract-runner.ts";

const EVENTS_URL = "https://health.aws.amazon.com/public/currentevents";
const eachEvent = (body: string, edit: (e: Record<string, unknown>) => void) =>
  JSON.stringify(
    (JSON.parse(body) as Record<string, unknown>[]).map((e) => {
      edit(e);
      return e;
    }),
  );

export const awsSpec: PlatformSpec = {
  url: "https://health.aws.amazon.com/health/status",
  fixtures: {
    [EVENTS_URL]: localFixture("aws/currentevents.documented-format.json"),
    [AWS_ALL_FEED]: localFixture("aws/all.documented-format.rss"),
  },
  primaryUrl: EVENTS_URL,
  minComponents: 3,
  minIncidents: 3,
  injectUnknownStatus: (b) => ({ body: eachEvent(b, (e) => void (e.status = "7")), raw: "7" }),
  emptyLists: [
    { name: "an event's log", apply: (b, form) => eachEvent(b, (e) => setEmpty(e, "event_log", form)) },
  ],
  foreign: foreignPagesFor("aws"),
};
