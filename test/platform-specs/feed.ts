// The generic feed's contract spec: GitHub's recorded Atom history.
import { sharedFixture } from "../helpers/fixture-http.ts";
import { FOREIGN_PAGES } from "../helpers/foreign-pages.ts";
import type { PlatformSpec } from "../platform-contract-runner.ts";

const ATOM = "https://www.githubstatus.com/history.atom";

export const feedSpec: PlatformSpec = {
  url: ATOM,
  fixtures: { [ATOM]: sharedFixture("statuspage/github-history.atom") },
  primaryUrl: ATOM,
  minComponents: 0, // a feed names no component list
  minIncidents: 20,
  malformedBody: `<?xml version="1.0"?><feed><entry><title>cut off`,
  wrongShapeBody: `<?xml version="1.0"?><catalog><book>not a feed</book></catalog>`,
  foreign: [
    FOREIGN_PAGES.statuspage(),
    FOREIGN_PAGES.incidentio(),
    FOREIGN_PAGES.statusio(),
    FOREIGN_PAGES.plain(),
  ],
};
