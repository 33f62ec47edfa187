// Slack's contract spec: the recorded current state (an open incident) and a documented-format history.
import { SLACK_SERVICES } from "../../src/platforms/slack.ts";
import { localFixture, sharedFixture } from "../helpers/fixture-http.ts";
import { foreignPagesFor } from "../helpers/foreign-pages.ts";
import { editJson, setEmpty } from "../platform-contract.ts";
import type { PlatformSpec } from "../platform-contract-runner.ts";

const PAGE = "https://slack-status.com";

export const slackSpec: PlatformSpec = {
  url: PAGE,
  fixtures: {
    [`${PAGE}/api/v2.0.0/current`]: sharedFixture("slack/slack-current-active-incident.json"),
    [`${PAGE}/api/v2.0.0/history`]: localFixture("slack/history.documented-format.json"),
  },
  primaryUrl: `${PAGE}/api/v2.0.0/current`,
  minComponents: SLACK_SERVICES.length,
  minIncidents: 4,
  injectUnknownStatus: (body) => ({
    body: editJson(body, (v) => {
      (v.active_incidents as Record<string, unknown>[])[0]!.type = "meltdown";
    }),
    raw: "meltdown",
  }),
  emptyLists: [
    {
      name: "active_incidents",
      apply: (body, form) => editJson(body, (v) => setEmpty(v, "active_incidents", form)),
    },
    {
      name: "an incident's services and notes",
      apply: (body, form) =>
        editJson(body, (v) => {
          for (const i of v.active_incidents as Record<string, unknown>[]) {
            setEmpty(i, "services", form);
            setEmpty(i, "notes", form);
          }
        }),
    },
  ],
  foreign: foreignPagesFor("slack"),
};
