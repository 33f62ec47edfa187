import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSettings, redactUrl } from "./load.ts";

const dir = mkdtempSync(join(tmpdir(), "pingoru-config-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe("loadSettings", () => {
  it("uses defaults with nothing given", () => {
    expect(loadSettings({}, {})).toMatchObject({
      databaseUrl: "./data/pingoru.db",
      port: 8080,
      host: "127.0.0.1",
      pollIntervalSeconds: 60,
      allowPrivateTargets: false,
      vendors: [],
    });
  });

  it("flags beat environment beat config file beat defaults", () => {
    const config = file(
      "order.yaml",
      "port: 7000\nhost: 0.0.0.0\ndatabase_url: from-file.db\npoll_interval: 30\n",
    );
    const env = { PINGORU_PORT: "7100", PINGORU_DATABASE_URL: "from-env.db" };
    expect(loadSettings({ config, port: "7200" }, env)).toMatchObject({
      port: 7200,
      databaseUrl: "from-env.db",
      host: "0.0.0.0",
      pollIntervalSeconds: 30,
    });
  });

  it("reads vendors as code, expanding ${ENV}", () => {
    const config = file(
      "vendors.yaml",
      "vendors:\n  - url: https://www.githubstatus.com\n    slug: github\n    components: [Actions, API Requests]\n  - url: ${STATUS_URL}\n    interval: 5\n",
    );
    const settings = loadSettings({ config }, { STATUS_URL: "https://status.example.com" });
    expect(settings.vendors).toEqual([
      { url: "https://www.githubstatus.com", slug: "github", components: ["Actions", "API Requests"] },
      { url: "https://status.example.com", interval: 5 },
    ]);
    expect(Object.isFrozen(settings.vendors[0])).toBe(true);
  });

  it.each([
    { name: "unknown top-level key", text: "vendorz: []\n", error: /unknown key vendorz/ },
    {
      name: "unknown vendor key",
      text: "vendors:\n  - url: https://a.example\n    colour: red\n",
      error: /unknown key vendors.0.colour/,
    },
    {
      name: "bad url",
      text: "vendors:\n  - url: ftp://a.example\n",
      error: /vendors.0.url: must be an http\(s\) URL/,
    },
    {
      name: "interval below 1 s",
      text: "vendors:\n  - url: https://a.example\n    interval: 0.5\n",
      error: /interval: at least 1 second/,
    },
    {
      name: "unknown platform",
      text: "vendors:\n  - url: https://a.example\n    platform: myspace\n",
      error: /vendors.0.platform/,
    },
    { name: "invalid YAML", text: "vendors: [\n", error: /not valid YAML/ },
    {
      name: "missing env var",
      text: "vendors:\n  - url: ${NOPE_NOT_SET}\n",
      error: /NOPE_NOT_SET is not set/,
    },
  ])("rejects $name with a one-line error", ({ text, error }) => {
    const config = file("bad.yaml", text);
    expect(() => loadSettings({ config }, {})).toThrow(error);
    try {
      loadSettings({ config }, {});
    } catch (caught) {
      expect((caught as Error).message).not.toContain("\n");
    }
  });

  it("names a missing config file", () => {
    expect(() => loadSettings({ config: join(dir, "nope.yaml") }, {})).toThrow(
      /cannot read config file .*nope.yaml/,
    );
  });

  it.each([
    [{ PINGORU_PORT: "http" }, /invalid port/],
    [{ PINGORU_POLL_INTERVAL: "0" }, /invalid poll interval/],
    [{ PINGORU_ALLOW_PRIVATE_TARGETS: "maybe" }, /invalid boolean/],
  ])("rejects bad environment %o", (env, error) => {
    expect(() => loadSettings({}, env)).toThrow(error);
  });

  it("reads PINGORU_ALLOW_PRIVATE_TARGETS=1", () => {
    expect(loadSettings({}, { PINGORU_ALLOW_PRIVATE_TARGETS: "1" }).allowPrivateTargets).toBe(true);
  });

  it("prints a database password as <secret>", () => {
    expect(redactUrl("postgres://app:hunter2@db:5432/p")).toBe("postgres://app:<secret>@db:5432/p");
  });
});
