import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

// Node's on-disk compile cache for every process the tests start (`pingoru` commands, `serve`
// workers): each loads the whole CLI, and compiling it again each time was most of their start-up.
process.env.NODE_COMPILE_CACHE ??= join(tmpdir(), "pingoru-test-node-compile-cache");

// Names this run, for what its workers share (one PostgreSQL schema each, dropped after the run).
process.env.PINGORU_TEST_RUN ??= randomBytes(4).toString("hex");

// Files that mostly wait (for a delivery lease to run out, for serve workers to poll on their
// interval): started next to the longest busy file and one after the other, so that the two workers
// are never both waiting while busy files queue. Otherwise the order is vitest's (longest first).
const MOSTLY_WAITING = ["test/e2e/notify-crash.test.ts", "test/e2e/workers-pg.test.ts"];

class WaitingBesideBusySequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const waits = (file: TestSpecification) => MOSTLY_WAITING.some((path) => file.moduleId.endsWith(path));
    const busy = sorted.filter((file) => !waits(file));
    return [...busy.slice(0, 1), ...sorted.filter(waits), ...busy.slice(1)];
  }
}

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
    sequence: { sequencer: WaitingBesideBusySequencer },
  },
});
