// What each command loads: a command starts with what it needs, not the whole of Pingoru (the
// start-up times are measured by bench/cli-start.ts). Asked of the module list, never of a clock.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CLI_PATH, runCli } from "../../test/helpers/run-cli.ts";

const TRACE = fileURLToPath(new URL("../../test/helpers/module-trace.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "pingoru-startup-"));

async function modulesOf(...args: string[]): Promise<string[]> {
  const file = join(dir, `${args.join("-").replace(/\W+/g, "_")}.txt`);
  const result = await runCli(args, {
    command: [process.execPath, "--import", TRACE, CLI_PATH],
    env: { PINGORU_TEST_MODULE_TRACE: file },
  });
  expect(result.code, result.stderr).toBe(0);
  return readFileSync(file, "utf8").split("\n");
}

// What only serving, polling, sending or rendering needs.
const HEAVY = [
  "/src/serve.ts",
  "/src/http/app.ts",
  "/src/http/server.ts",
  "/src/admin/",
  "/src/platforms/registry.ts",
  "/src/poller/",
  "/node_modules/hono/",
  "/node_modules/undici/",
  "/node_modules/sanitize-html/",
  "/node_modules/fast-xml-parser/",
  "/node_modules/yaml/",
  "/node_modules/@modelcontextprotocol/",
];
const heavyIn = (modules: string[]) => modules.filter((url) => HEAVY.some((part) => url.includes(part)));

describe("what a command loads", () => {
  it("--help and --version load no subcommand", async () => {
    for (const flag of ["--help", "--version"]) {
      const modules = await modulesOf(flag);
      expect(modules.filter((url) => url.includes("/src/") && !url.includes("/src/cli/"))).toEqual([
        expect.stringContaining("/src/lib/errors.ts"),
      ]);
      expect(heavyIn(modules)).toEqual([]);
    }
  });

  it("vendors list and check --help load none of the server, the poller, the platforms or the channels' senders", async () => {
    const list = await modulesOf("vendors", "list", "--db", join(dir, "list.db"));
    expect(list.some((url) => url.includes("/src/store/"))).toBe(true);
    expect(heavyIn(list)).toEqual([]);
    expect(heavyIn(await modulesOf("check", "--help"))).toEqual([]);
  });

  it("export incidents loads no web framework, no config schema library and no logger (issue 11: its memory)", async () => {
    const modules = await modulesOf("export", "incidents", "--db", join(dir, "export.db"));
    const loaded = (part: string) => modules.some((url) => url.includes(part));
    expect(loaded("/src/store/")).toBe(true);
    for (const part of [...HEAVY, "/node_modules/zod/", "/node_modules/pino/", "/src/notify/registry.ts"])
      expect(loaded(part), part).toBe(false);
  });
});
