// status.io's contract spec: GitLab's recorded API document (an incident and a maintenance).
import { STATUSIO_API } from "../../src/platforms/statusio.ts";
import { sharedFixture } from "../helpers/fixture-http.ts";
import { FOREIGN_PAGES } from "../helpers/foreign-pages.ts";
import { editJson, setEmpty } from "../platform-contract.ts";
import type { PlatformSpec } from "../platform-contract-runner.ts";

const GITLAB_API = `${STATUSIO_API}5b36dc6502d06804c08349f7`;

export const statusioSpec: PlatformSpec = {
  url: GITLAB_API,
  fixtures: { [GITLAB_API]: sharedFixture("statusio/gitlab-status-planned-maintenance.json") },
  primaryUrl: GITLAB_API,
  minComponents: 15,
  minIncidents: 2,
  injectUnknownStatus: (body) => ({
    raw: "700 Melting",
    body: editJson(body, (v) => {
      const result = v.result as { status: { containers: Record<string, unknown>[] }[] };
      Object.assign(result.status[0]!.containers[0]!, { status: "Melting", status_code: 700 });
    }),
  }),
  emptyLists: [
    {
      name: "status, incidents and maintenance lists",
      apply: (body, form) =>
        editJson(body, (v) => {
          const result = v.result as Record<string, unknown>;
          setEmpty(result, "incidents", form);
          setEmpty(result.maintenance as Record<string, unknown>, "active", form);
          setEmpty(result.maintenance as Record<string, unknown>, "upcoming", form);
          for (const c of result.status as Record<string, unknown>[]) setEmpty(c, "containers", form);
        }),
    },
    {
      name: "messages and affected lists",
      apply: (body, form) =>
        editJson(body, (v) => {
          for (const i of (v.result as { incidents: Record<string, unknown>[] }).incidents) {
            for (const key of ["messages", "components_affected", "containers_affected"])
              setEmpty(i, key, form);
          }
        }),
    },
  ],
  foreign: [FOREIGN_PAGES.statuspage(), FOREIGN_PAGES.incidentio(), FOREIGN_PAGES.plain()],
};
