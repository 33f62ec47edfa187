// Better Stack's contract spec: a page's index.json (JSON:API, resources and reports in `included`),
// from a documented-format fixture.
import { localFixture } from "../helpers/fixture-http.ts";
import { foreignPagesFor } from "../helpers/foreign-pages.ts";
import { editJson, setEmpty } from "../platform-contract.ts";
import type { PlatformSpec } from "../platform-contract-runner.ts";

const PAGE = "https://status.acme-hosting.test";
type Item = { id: string; type: string; attributes: Record<string, unknown> };
const items = (v: Record<string, unknown>) => v.included as Item[];

export const betterstackSpec: PlatformSpec = {
  url: PAGE,
  fixtures: { [`${PAGE}/index.json`]: localFixture("betterstack/index.documented-format.json") },
  nowState: true,
  primaryUrl: `${PAGE}/index.json`,
  minComponents: 4,
  minIncidents: 3,
  injectUnknownStatus: (body) => ({
    body: editJson(body, (v) => {
      items(v).find((i) => i.type === "status_page_resource")!.attributes.status = "wobbly";
    }),
    raw: "wobbly",
  }),
  emptyLists: [
    { name: "included", apply: (body, form) => editJson(body, (v) => setEmpty(v, "included", form)) },
    {
      name: "each update's affected_resources",
      apply: (body, form) =>
        editJson(body, (v) => {
          for (const i of items(v))
            if (i.type === "status_update") setEmpty(i.attributes, "affected_resources", form);
        }),
    },
  ],
  foreign: foreignPagesFor("betterstack"),
};
