// Pages of every platform, from recordings (or documented-format fixtures where none exists): a
// detector must say "no" on each page that is not its own.
import type { ForeignPage } from "../platform-contract.ts";
import { localFixture, sharedFixture } from "./fixture-http.ts";
import type { PlatformKind } from "../../src/platforms/kinds.ts";

const GH = "https://www.githubstatus.com";
const OPENAI = "https://status.openai.com";
const GITLAB = "https://status.gitlab.com";
const CACHET = "https://demo.cachethq.io";
const GCP = "https://status.cloud.google.com";
const AZURE_FEED = "https://rssfeed.azure.status.microsoft/en-us/status/feed/";
const AWS = "https://health.aws.amazon.com";
const STATUSIO_GITLAB = "https://api.status.io/1.0/status/5b36dc6502d06804c08349f7";

/** A few other platforms' pages, recorded, for "detect() says null there". Read lazily (on call). */
export const FOREIGN_PAGES = {
  statuspage: (): ForeignPage => ({
    name: "a Statuspage page",
    url: GH,
    fixtures: { [`${GH}/api/v2/summary.json`]: sharedFixture("statuspage/github-summary.json") },
  }),
  incidentio: (): ForeignPage => ({
    name: "an incident.io page",
    url: OPENAI,
    fixtures: { [`${OPENAI}/api/v2/summary.json`]: sharedFixture("incidentio/openai-api-v2-summary.json") },
  }),
  statusio: (): ForeignPage => ({
    name: "a status.io API document",
    url: STATUSIO_GITLAB,
    fixtures: { [STATUSIO_GITLAB]: sharedFixture("statusio/gitlab-status-planned-maintenance.json") },
  }),
  plain: (): ForeignPage => ({
    name: "a plain HTML page",
    url: "https://plain.test",
    fixtures: { "https://plain.test": "<html><body>hello</body></html>" },
  }),
};

/**
 * A page and the platform it belongs to (null: none). `isFeed`: the page is, links to or serves an
 * RSS/Atom feed, so the generic feed detector rightly claims it too, though less surely than its own.
 */
export type KindedPage = ForeignPage & { kind: PlatformKind | null; isFeed?: true };

const PAGES = (): KindedPage[] => [
  {
    kind: "statuspage",
    name: "a Statuspage page (GitHub)",
    url: GH,
    fixtures: {
      [`${GH}/api/v2/summary.json`]: sharedFixture("statuspage/github-summary.json"),
      [`${GH}/history.atom`]: sharedFixture("statuspage/github-history.atom"),
    },
  },
  {
    kind: "incidentio",
    name: "an incident.io page (OpenAI)",
    isFeed: true,
    url: OPENAI,
    fixtures: {
      [OPENAI]: localFixture("incidentio/openai-page.documented-format.html"),
      [`${OPENAI}/api/v2/summary.json`]: sharedFixture("incidentio/openai-api-v2-summary.json"),
      [`${OPENAI}/feed.rss`]: localFixture("incidentio/openai-feed.documented-format.rss"),
    },
  },
  {
    kind: "feed",
    name: "a bare feed URL",
    url: `${GH}/history.atom`,
    fixtures: { [`${GH}/history.atom`]: sharedFixture("statuspage/github-history.atom") },
  },
  { kind: "statusio", ...FOREIGN_PAGES.statusio() },
  {
    kind: "statusio",
    name: "a status.io hosted page (GitLab)",
    isFeed: true,
    url: GITLAB,
    fixtures: { [GITLAB]: localFixture("statusio/gitlab-page.documented-format.html") },
  },
  {
    kind: "instatus",
    name: "an Instatus page",
    url: "https://status.acme-cloud.test",
    fixtures: {
      "https://status.acme-cloud.test/summary.json": localFixture("instatus/summary.documented-format.json"),
      "https://status.acme-cloud.test/v3/components.json": localFixture(
        "instatus/components.documented-format.json",
      ),
    },
  },
  {
    kind: "betterstack",
    name: "a Better Stack page",
    url: "https://status.acme-hosting.test",
    fixtures: {
      "https://status.acme-hosting.test/index.json": localFixture("betterstack/index.documented-format.json"),
    },
  },
  {
    kind: "slack",
    name: "Slack's status API",
    url: "https://slack-status.com",
    fixtures: {
      "https://slack-status.com/api/v2.0.0/current": sharedFixture(
        "slack/slack-current-active-incident.json",
      ),
    },
  },
  {
    kind: "heroku",
    name: "Heroku's status API",
    url: "https://status.heroku.com",
    fixtures: {
      "https://status.heroku.com/api/v4/current-status": sharedFixture(
        "heroku/heroku-current-status-incident.json",
      ),
    },
  },
  {
    kind: "cachet",
    name: "a Cachet page",
    url: CACHET,
    fixtures: {
      [`${CACHET}/api/v1/ping`]: localFixture("cachet/ping.documented-format.json"),
      [`${CACHET}/api/v1/version`]: localFixture("cachet/version.documented-format.json"),
      [`${CACHET}/api/v1/components`]: localFixture("cachet/components.page-1.documented-format.json"),
    },
  },
  {
    kind: "gcp",
    name: "the Google Cloud status dashboard",
    url: GCP,
    fixtures: {
      [`${GCP}/incidents.json`]: localFixture("gcp/incidents.documented-format.json"),
      [`${GCP}/products.json`]: localFixture("gcp/products.documented-format.json"),
    },
  },
  {
    kind: "azure",
    name: "Azure's status RSS feed",
    isFeed: true,
    url: AZURE_FEED,
    fixtures: { [AZURE_FEED]: localFixture("azure/feed.documented-format.rss") },
  },
  {
    // Served as UTF-8 here (the loopback serves text); the UTF-16 answer is detect-cloud-loopback's case.
    kind: "aws",
    name: "the AWS Health Dashboard",
    url: `${AWS}/health/status`,
    fixtures: {
      [`${AWS}/public/currentevents`]: localFixture("aws/currentevents.documented-format.json"),
    },
  },
  { kind: null, ...FOREIGN_PAGES.plain() },
];

/** Every recorded page with its platform, for checks across all detectors. */
export function kindedPages(): KindedPage[] {
  return PAGES();
}

/** Every recorded page that is not `kind`'s own (for feed: nor a feed of another platform). */
export function foreignPagesFor(kind: PlatformKind): ForeignPage[] {
  return PAGES()
    .filter((p) => p.kind !== kind && !(kind === "feed" && p.isFeed))
    .map(({ name, url, fixtures }) => ({ name, url, fixtures }));
}

/** One platform's recorded page. */
export function pageOf(kind: PlatformKind): ForeignPage {
  const page = PAGES().find((p) => p.kind === kind);
  if (!page) throw new Error(`no page for ${kind}`);
  return page;
}

/** Serves a page's fixtures on a loopback server by path. */
export function pathsOf(page: ForeignPage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [url, body] of Object.entries(page.fixtures)) out[new URL(url).pathname] = body;
  return out;
}
