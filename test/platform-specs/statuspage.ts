// Statuspage's contract spec: GitHub's recorded summary (with an open incident) and incident list.
import { sharedFixture } from "../helpers/fixture-http.ts";
import { FOREIGN_PAGES } from "../helpers/foreign-pages.ts";
import { editJson, setEmpty, type EmptyForm } from "../platform-contract.ts";
import type { PlatformSpec } from "../platform-contract-runner.ts";

const GH = "https://www.githubstatus.com";

/** Replaces the first component's status in a Statuspage-shaped summary. */
export function unknownFirstComponent(body: string) {
  const raw = "melting";
  return {
    raw,
    body: editJson(body, (v) => {
      (v.components as Record<string, unknown>[])[0]!.status = raw;
    }),
  };
}

/** Empties a Statuspage-shaped summary's incident and maintenance lists. */
export const summaryIncidentLists = {
  name: "summary incidents and scheduled_maintenances",
  apply: (body: string, form: EmptyForm) =>
    editJson(body, (v) => {
      setEmpty(v, "incidents", form);
      setEmpty(v, "scheduled_maintenances", form);
    }),
};

export const statuspageSpec: PlatformSpec = {
  url: GH,
  fixtures: {
    [`${GH}/api/v2/summary.json`]: sharedFixture("statuspage/github-summary-active-incident-2022.json"),
    [`${GH}/api/v2/incidents.json`]: sharedFixture("statuspage/github-incidents.json"),
  },
  nowState: true,
  primaryUrl: `${GH}/api/v2/summary.json`,
  minComponents: 5,
  minIncidents: 10,
  injectUnknownStatus: unknownFirstComponent,
  emptyLists: [
    summaryIncidentLists,
    {
      name: "incidents.json incidents",
      url: `${GH}/api/v2/incidents.json`,
      apply: (body, form) => editJson(body, (v) => setEmpty(v, "incidents", form)),
    },
  ],
  foreign: [FOREIGN_PAGES.incidentio(), FOREIGN_PAGES.statusio(), FOREIGN_PAGES.plain()],
};
