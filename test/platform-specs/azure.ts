// Azure's contract spec: its status RSS feed, from a documented-format fixture.
import { AZURE_FEED } from "../../src/platforms/azure.ts";
import { localFixture } from "../helpers/fixture-http.ts";
import { foreignPagesFor } from "../helpers/foreign-pages.ts";
import type { PlatformSpec } from "../platform-contract-runner.ts";

export const azureSpec: PlatformSpec = {
  url: AZURE_FEED,
  fixtures: { [AZURE_FEED]: localFixture("azure/feed.documented-format.rss") },
  primaryUrl: AZURE_FEED,
  minComponents: 0,
  minIncidents: 2,
  malformedBody: `<?xml version="1.0"?><rss><channel><item><title>cut off`,
  wrongShapeBody: `<?xml version="1.0"?><catalog><book>not a feed</book></catalog>`,
  foreign: foreignPagesFor("azure"),
};
