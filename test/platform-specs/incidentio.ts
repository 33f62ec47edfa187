// incident.io's contract spec: OpenAI's recorded Statuspage-compatible summary and its RSS feed.
import { localFixture, sharedFixture } from "../helpers/fixture-http.ts";
import { FOREIGN_PAGES } from "../helpers/foreign-pages.ts";
import type { PlatformSpec } from "../platform-contract-runner.ts";
import { summaryIncidentLists, unknownFirstComponent } from "./statuspage.ts";

const OPENAI = "https://status.openai.com";

export const incidentioSpec: PlatformSpec = {
  url: OPENAI,
  fixtures: {
    [`${OPENAI}/api/v2/summary.json`]: sharedFixture("incidentio/openai-api-v2-summary.json"),
    [`${OPENAI}/feed.rss`]: localFixture("incidentio/openai-feed.documented-format.rss"),
  },
  nowState: true,
  primaryUrl: `${OPENAI}/api/v2/summary.json`,
  minComponents: 5,
  minIncidents: 2,
  injectUnknownStatus: unknownFirstComponent,
  emptyLists: [summaryIncidentLists],
  foreign: [FOREIGN_PAGES.statuspage(), FOREIGN_PAGES.statusio(), FOREIGN_PAGES.plain()],
};
