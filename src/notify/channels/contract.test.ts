// The channel contract (test/channel-contract.ts), once for every definition in the registry, each
// with its spec from test/channel-specs.ts. A kind registered without a spec fails here.
import { runRegistryContracts } from "../../../test/channel-contract.ts";
import { CHANNEL_SPECS } from "../../../test/channel-specs.ts";
import { CHANNELS } from "../registry.ts";

runRegistryContracts(CHANNELS, CHANNEL_SPECS);
