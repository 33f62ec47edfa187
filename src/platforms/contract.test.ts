// The shared platform contract (test/platform-contract.ts), run once for every platform in the
// registry, each with its spec from test/platform-specs/. A registered platform without a spec fails
// "every registered platform has a contract spec" (and does not type-check in the specs' index).
import { runPlatformContracts } from "../../test/platform-contract-runner.ts";
import { PLATFORM_SPECS } from "../../test/platform-specs/index.ts";
import { PLATFORMS } from "./registry.ts";

runPlatformContracts(PLATFORMS, PLATFORM_SPECS);
