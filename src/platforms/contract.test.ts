// The shared platform contract (test/platform-contract.ts) run against the first three platforms.
// statusio and cachet run it in their own test files.
import { localFixture, sharedFixture } from "../../test/helpers/fixture-http.ts";
import { editJson, FOREIGN_PAGES, platformContract, setEmpty } from "../../test/platform-contract.ts";
import { statuspage } from "./statuspage.ts";
import { incidentio } from "./incidentio.ts";
import { feed } from "./feed.ts";

const GH = "https://www.githubstatus.com";
const OPENAI = "https://status.openai.com";

const STATUSPAGE_PAGE = FOREIGN_PAGES.statuspage();
const INCIDENTIO_PAGE = FOREIGN_PAGES.incidentio();
const STATUSIO_PAGE = FOREIGN_PAGES.statusio();
const PLAIN_PAGE = FOREIGN_PAGES.plain();

/** Replaces the first component's status in a Statuspage-shaped summary. */
function unknownFirstComponent(body: string) {
  const raw = "melting";
  return {
    raw,
    body: editJson(body, (v) => {
      (v.components as Record<string, unknown>[])[0]!.status = raw;
    }),
  };
}

platformContract("statuspage", {
  platform: statuspage,
  url: GH,
  fixtures: {
    [`${GH}/api/v2/summary.json`]: sharedFixture("statuspage/github-summary-active-incident-2022.json"),
    [`${GH}/api/v2/incidents.json`]: sharedFixture("statuspage/github-incidents.json"),
  },
  primaryUrl: `${GH}/api/v2/summary.json`,
  minComponents: 5,
  minIncidents: 10,
  injectUnknownStatus: unknownFirstComponent,
  emptyLists: [
    {
      name: "summary incidents and scheduled_maintenances",
      apply: (body, form) =>
        editJson(body, (v) => {
          setEmpty(v, "incidents", form);
          setEmpty(v, "scheduled_maintenances", form);
        }),
    },
    {
      name: "incidents.json incidents",
      url: `${GH}/api/v2/incidents.json`,
      apply: (body, form) => editJson(body, (v) => setEmpty(v, "incidents", form)),
    },
  ],
  foreign: [INCIDENTIO_PAGE, STATUSIO_PAGE, PLAIN_PAGE],
});

platformContract("incidentio", {
  platform: incidentio,
  url: OPENAI,
  fixtures: {
    [`${OPENAI}/api/v2/summary.json`]: sharedFixture("incidentio/openai-api-v2-summary.json"),
    [`${OPENAI}/feed.rss`]: localFixture("incidentio/openai-feed.documented-format.rss"),
  },
  primaryUrl: `${OPENAI}/api/v2/summary.json`,
  minComponents: 5,
  minIncidents: 2,
  injectUnknownStatus: unknownFirstComponent,
  emptyLists: [
    {
      name: "summary incidents and scheduled_maintenances",
      apply: (body, form) =>
        editJson(body, (v) => {
          setEmpty(v, "incidents", form);
          setEmpty(v, "scheduled_maintenances", form);
        }),
    },
  ],
  foreign: [STATUSPAGE_PAGE, STATUSIO_PAGE, PLAIN_PAGE],
});

const ATOM = `${GH}/history.atom`;
platformContract("feed", {
  platform: feed,
  url: ATOM,
  fixtures: { [ATOM]: sharedFixture("statuspage/github-history.atom") },
  primaryUrl: ATOM,
  minComponents: 0, // a feed names no component list
  minIncidents: 20,
  malformedBody: `<?xml version="1.0"?><feed><entry><title>cut off`,
  wrongShapeBody: `<?xml version="1.0"?><catalog><book>not a feed</book></catalog>`,
  foreign: [STATUSPAGE_PAGE, INCIDENTIO_PAGE, STATUSIO_PAGE, PLAIN_PAGE],
});
