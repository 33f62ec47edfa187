// Pages of the other platforms, from their real recordings: a detector must say "no" on each.
import type { ForeignPage } from "../platform-contract.ts";
import { localFixture, sharedFixture } from "./fixture-http.ts";

const GH = "https://www.githubstatus.com";
const OPENAI = "https://status.openai.com";

export const FOREIGN_PAGES: ForeignPage[] = [
  {
    name: "a Statuspage page (GitHub)",
    url: GH,
    fixtures: {
      [`${GH}/api/v2/summary.json`]: sharedFixture("statuspage/github-summary.json"),
      [`${GH}/history.atom`]: sharedFixture("statuspage/github-history.atom"),
    },
  },
  {
    name: "an incident.io page (OpenAI)",
    url: OPENAI,
    fixtures: {
      [`${OPENAI}/api/v2/summary.json`]: sharedFixture("incidentio/openai-api-v2-summary.json"),
      [`${OPENAI}/feed.rss`]: localFixture("incidentio/openai-feed.documented-format.rss"),
    },
  },
  {
    name: "a bare feed URL",
    url: `${GH}/history.atom`,
    fixtures: { [`${GH}/history.atom`]: sharedFixture("statuspage/github-history.atom") },
  },
  {
    name: "a plain HTML page",
    url: "https://nothing.test",
    fixtures: { "https://nothing.test": "<html><body>hello</body></html>" },
  },
];

/** Serves a foreign page's fixtures on a loopback server by path. */
export function pathsOf(page: ForeignPage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [url, body] of Object.entries(page.fixtures)) out[new URL(url).pathname] = body;
  return out;
}
