// Every platform's contract spec, by kind. The runner (../platform-contract-runner.ts) looks each
// registered platform up here; a kind missing from this map is a type error and a failing test.
import type { PlatformKind } from "../../src/platforms/kinds.ts";
import type { PlatformSpecEntry } from "../platform-contract-runner.ts";
import { awsSpec } from "./aws.ts";
import { azureSpec } from "./azure.ts";
import { betterstackSpec } from "./betterstack.ts";
import { cachetSpec } from "./cachet.ts";
import { feedSpec } from "./feed.ts";
import { gcpSpec } from "./gcp.ts";
import { herokuSpecs } from "./heroku.ts";
import { htmlSpec } from "./html.ts";
import { incidentioSpec } from "./incidentio.ts";
import { instatusSpec } from "./instatus.ts";
import { slackSpec } from "./slack.ts";
import { statusioSpec } from "./statusio.ts";
import { statuspageSpec } from "./statuspage.ts";

export const PLATFORM_SPECS = {
  statuspage: statuspageSpec,
  incidentio: incidentioSpec,
  feed: feedSpec,
  instatus: instatusSpec,
  statusio: statusioSpec,
  cachet: cachetSpec,
  slack: slackSpec,
  heroku: herokuSpecs,
  betterstack: betterstackSpec,
  gcp: gcpSpec,
  azure: azureSpec,
  aws: awsSpec,
  html: htmlSpec,
} satisfies Record<PlatformKind, PlatformSpecEntry>;
