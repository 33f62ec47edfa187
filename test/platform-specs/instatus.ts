// Instatus's contract spec: a page's summary and component list, from documented-format fixtures.
import { localFixture } from "../helpers/fixture-http.ts";
import { foreignPagesFor } from "../helpers/foreign-pages.ts";
import { editJson, setEmpty } from "../platform-contract.ts";
import type { PlatformSpec } from "../platform-contract-runner.ts";

const PAGE = "https://status.acme-cloud.test";

export const instatusSpec: PlatformSpec = {
  url: PAGE,
  fixtures: {
    [`${PAGE}/summary.json`]: localFixture("instatus/summary.documented-format.json"),
    [`${PAGE}/v3/components.json`]: localFixture("instatus/components.documented-format.json"),
  },
  primaryUrl: `${PAGE}/summary.json`,
  minComponents: 6,
  minIncidents: 2,
  // Component statuses live in /v3/components.json, not the primary: covered by "instatus read"
  // (src/platforms/instatus.test.ts).
  emptyLists: [
    {
      name: "activeIncidents and activeMaintenances",
      apply: (body, form) =>
        editJson(body, (v) => {
          setEmpty(v, "activeIncidents", form);
          setEmpty(v, "activeMaintenances", form);
        }),
    },
    {
      name: "components and a parent's children",
      url: `${PAGE}/v3/components.json`,
      apply: (body, form) =>
        editJson(body, (v) => {
          const list = v.components as Record<string, unknown>[];
          setEmpty(list[0]!, "children", form);
          setEmpty(v, "components", form);
        }),
    },
  ],
  foreign: foreignPagesFor("instatus"),
};
