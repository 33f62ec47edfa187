// Cachet's contract spec: the demo API, from documented-format fixtures (paginated components,
// groups, incidents with an updates endpoint, schedules, ping and version).
import { CACHET_PATHS } from "../../src/platforms/cachet.ts";
import { localFixture } from "../helpers/fixture-http.ts";
import { FOREIGN_PAGES } from "../helpers/foreign-pages.ts";
import { editJson, setEmpty } from "../platform-contract.ts";
import type { PlatformSpec } from "../platform-contract-runner.ts";

export const CACHET_BASE = "https://demo.cachethq.io";
export const cachetFixture = (name: string) => localFixture(`cachet/${name}.documented-format.json`);
export const CACHET_URLS = {
  components: CACHET_BASE + CACHET_PATHS.components,
  components2: `${CACHET_BASE}/api/v1/components?per_page=100&page=2`,
  groups: CACHET_BASE + CACHET_PATHS.groups,
  incidents: CACHET_BASE + CACHET_PATHS.incidents,
  updates3: `${CACHET_BASE}/api/v1/incidents/3/updates?per_page=100`,
  schedules: CACHET_BASE + CACHET_PATHS.schedules,
};

/** URL → body of the whole demo API. */
export function cachetFixtures(): Record<string, string> {
  return {
    [CACHET_URLS.components]: cachetFixture("components.page-1"),
    [CACHET_URLS.components2]: cachetFixture("components.page-2"),
    [CACHET_URLS.groups]: cachetFixture("groups"),
    [CACHET_URLS.incidents]: cachetFixture("incidents"),
    [CACHET_URLS.updates3]: cachetFixture("incident-3-updates"),
    [CACHET_URLS.schedules]: cachetFixture("schedules"),
    [`${CACHET_BASE}/api/v1/ping`]: cachetFixture("ping"),
    [`${CACHET_BASE}/api/v1/version`]: cachetFixture("version"),
  };
}

export const cachetSpec: PlatformSpec = {
  url: CACHET_BASE,
  fixtures: cachetFixtures(),
  primaryUrl: CACHET_URLS.components,
  minComponents: 5,
  minIncidents: 4,
  injectUnknownStatus: (body) => ({
    raw: "7 Melting",
    body: editJson(body, (v) => {
      Object.assign((v.data as Record<string, unknown>[])[0]!, { status: 7, status_name: "Melting" });
    }),
  }),
  emptyLists: [
    {
      name: "schedule components",
      url: CACHET_URLS.schedules,
      apply: (body, form) =>
        editJson(body, (v) => {
          for (const s of v.data as Record<string, unknown>[]) setEmpty(s, "components", form);
        }),
    },
  ],
  foreign: [FOREIGN_PAGES.statuspage(), FOREIGN_PAGES.statusio(), FOREIGN_PAGES.plain()],
};
