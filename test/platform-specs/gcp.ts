// Google Cloud's contract spec: incidents.json and products.json, from documented-format fixtures.
import { localFixture } from "../helpers/fixture-http.ts";
import { foreignPagesFor } from "../helpers/foreign-pages.ts";
import { editJson, setEmpty } from "../platform-contract.ts";
import type { PlatformSpec } from "../platform-contract-runner.ts";

const PAGE = "https://status.cloud.google.com";
const eachIncident = (body: string, edit: (i: Record<string, unknown>) => void) =>
  JSON.stringify(
    (JSON.parse(body) as Record<string, unknown>[]).map((i) => {
      edit(i);
      return i;
    }),
  );

export const gcpSpec: PlatformSpec = {
  url: PAGE,
  fixtures: {
    [`${PAGE}/incidents.json`]: localFixture("gcp/incidents.documented-format.json"),
    [`${PAGE}/products.json`]: localFixture("gcp/products.documented-format.json"),
  },
  primaryUrl: `${PAGE}/incidents.json`,
  minComponents: 4,
  minIncidents: 2,
  injectUnknownStatus: (b) => ({
    body: eachIncident(b, (i) => {
      if (i.end === null) i.status_impact = "SERVICE_WOBBLE";
    }),
    raw: "SERVICE_WOBBLE",
  }),
  emptyLists: [
    {
      name: "updates and affected products",
      apply: (b, form) =>
        eachIncident(b, (i) => {
          setEmpty(i, "updates", form);
          setEmpty(i, "affected_products", form);
        }),
    },
    {
      name: "the product list",
      url: `${PAGE}/products.json`,
      apply: (b, form) => editJson(b, (v) => setEmpty(v, "products", form)),
    },
  ],
  foreign: foreignPagesFor("gcp"),
};
