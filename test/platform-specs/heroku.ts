// Heroku's contract spec, run on two recorded current states (an open incident, a maintenance),
// each with the documented-format incident history.
import { localFixture, sharedFixture } from "../helpers/fixture-http.ts";
import { foreignPagesFor } from "../helpers/foreign-pages.ts";
import { editJson, setEmpty } from "../platform-contract.ts";
import type { PlatformSpec, PlatformSpecVariant } from "../platform-contract-runner.ts";

const PAGE = "https://status.heroku.com";
const HISTORY = localFixture("heroku/incidents.documented-format.json");

function herokuSpec(current: string): PlatformSpec {
  return {
    url: PAGE,
    fixtures: { [`${PAGE}/api/v4/current-status`]: current, [`${PAGE}/api/v4/incidents`]: HISTORY },
    primaryUrl: `${PAGE}/api/v4/current-status`,
    minComponents: 3,
    minIncidents: 2,
    injectUnknownStatus: (b) => ({
      body: editJson(b, (v) => {
        (v.status as Record<string, unknown>[])[0]!.status = "purple";
      }),
      raw: "purple",
    }),
    emptyLists: [
      {
        name: "incidents and scheduled",
        apply: (b, form) =>
          editJson(b, (v) => {
            setEmpty(v, "incidents", form);
            setEmpty(v, "scheduled", form);
          }),
      },
      {
        name: "an incident's updates",
        url: `${PAGE}/api/v4/incidents`,
        apply: (b, form) =>
          JSON.stringify(
            (JSON.parse(b) as Record<string, unknown>[]).map((incident) => {
              setEmpty(incident, "updates", form);
              return incident;
            }),
          ),
      },
    ],
    foreign: foreignPagesFor("heroku"),
  };
}

export const herokuSpecs: readonly PlatformSpecVariant[] = [
  { variant: "open incident", ...herokuSpec(sharedFixture("heroku/heroku-current-status-incident.json")) },
  { variant: "maintenance", ...herokuSpec(sharedFixture("heroku/heroku-current-status-maintenance.json")) },
];
