import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

// Node's on-disk compile cache for every process the tests start (`pingoru` commands, `serve`
// workers): each loads the whole CLI, and compiling it again each time was most of their start-up.
process.env.NODE_COMPILE_CACHE ??= join(tmpdir(), "pingoru-test-node-compile-cache");

// Names this run, for what its workers share (one PostgreSQL schema each, dropped after the run).
process.env.PINGORU_TEST_RUN ??= randomBytes(4).toString("hex");

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // One worker per core, each reused across files (`isolate: false`): most of the suite waits on
    // child processes, sockets and PostgreSQL, and a fresh worker per file re-imported the same modules.
    maxWorkers: 2,
    isolate: false,
    globalSetup: ["test/helpers/global-setup.ts"],
  },
});
