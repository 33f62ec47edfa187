#!/usr/bin/env -S node --max-semi-space-size=16 --heap-growing-percent=50
// The `pingoru` command. Node keeps what it compiled of Pingoru and its libraries in its compile cache
// (in the system's temporary directory), so a command after the first starts in about half the time;
// the program is imported after that, since imports written at the top would load before it is on.
import { enableCompileCache } from "node:module";

enableCompileCache();
await import("./program.ts");
