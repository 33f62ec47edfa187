#!/usr/bin/env -S MALLOC_ARENA_MAX=2 MALLOC_TRIM_THRESHOLD_=131072 node --max-semi-space-size=16 --heap-growing-percent=50
// The `pingoru` command. Node keeps what it compiled of Pingoru and its libraries in its compile cache
// (in the system's temporary directory), so a command after the first starts in about half the time;
// the program is imported after that, since imports written at the top would load before it is on.
// This one file is JavaScript: the cache also keeps the TypeScript with its types stripped, so a run
// whose modules are all cached never loads Node's type stripper, about 13 MB of memory (a .ts entry
// point would be stripped before the cache is on).
import { enableCompileCache } from "node:module";
import process from "node:process";
import { setFlagsFromString } from "node:v8";

enableCompileCache();
// The young generation may grow to the 16 MB above for serve's (and mcp's) long run of allocations. A
// short command keeps it at its first size (1 MB): an export of 100,000 incidents would otherwise grow
// it all the way, a quarter of its peak memory. Of V8's heap flags, this one still counts once the
// process runs: the young generation's largest size is fixed when it starts.
if (!["serve", "mcp"].includes(process.argv[2] ?? "")) setFlagsFromString("--semi-space-growth-factor=1");
const { runPingoru } = await import("./program.ts");
const status = await runPingoru(process.argv);
// A command that finished ends when nothing is left to do; a failure ends at once.
if (status !== 0) process.exit(status);
