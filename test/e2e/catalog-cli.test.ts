// `pingoru catalog search` and `vendors add <word>` as a user runs them (real processes, no network).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { killAllCli, runCliInProcess } from "../helpers/run-cli.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pingoru-catalog-"));
});
afterEach(async () => {
  await killAllCli();
  rmSync(dir, { recursive: true, force: true });
});

describe("pingoru catalog search", () => {
  it("prints slug, name, category, platform and URL, best match first", async () => {
    const result = await runCliInProcess(["catalog", "search", "github"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe(
      "github\tGitHub\tdeveloper-tools\tstatuspage\thttps://www.githubstatus.com",
    );
  });

  it("matches every word given, and prints JSON on request", async () => {
    const result = await runCliInProcess(["catalog", "search", "atlassian", "jira", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const slugs = (JSON.parse(result.stdout) as { slug: string }[]).map((e) => e.slug);
    expect(slugs[0]).toBe("jira");
    expect(slugs.every((s) => s.startsWith("jira"))).toBe(true);
  });

  it("fails in one line when nothing matches", async () => {
    const result = await runCliInProcess(["catalog", "search", "nothing-like-it"]);
    expect([result.code, result.stdout]).toEqual([1, ""]);
    expect(result.stderr).toBe('pingoru: no catalog service matches "nothing-like-it"\n');
  });
});

describe("pingoru vendors add <word>", () => {
  it("refuses a word that is neither a URL nor a catalog service, pointing at the search, storing nothing", async () => {
    const db = join(dir, "p.db");
    const result = await runCliInProcess(["vendors", "add", "nosuchservice", "--db", db]);
    expect([result.code, result.stdout]).toEqual([1, ""]);
    expect(result.stderr).toMatch(
      /^pingoru: "nosuchservice" is not a valid URL .*pingoru catalog search nosuchservice\)\n$/,
    );
    const store = await openStore(db);
    try {
      expect(await store.listVendors()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
