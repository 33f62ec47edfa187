import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSettings, redactSettings } from "./load.ts";
import { redactUrl } from "../lib/safe-url.ts";

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
      channels: [],
      subscriptions: [],
      adminToken: null,
      readToken: null,
      secretKey: null,
      previousSecretKeys: [],
      publicUrl: null,
      retentionDays: 90,
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

  it("reads a vendor named by catalog slug, and an html page's selectors", () => {
    const config = file(
      "catalog-html.yaml",
      [
        "vendors:",
        "  - catalog: github",
        "    components: [Actions]",
        "  - url: https://status.example.com",
        "    html:",
        "      component: li.component",
        "      name: .name",
        "      status: .status",
        "      status_attribute: class",
        "      statuses: { ok: operational, down: major_outage }",
        "",
      ].join("\n"),
    );
    expect(loadSettings({ config }, {}).vendors).toEqual([
      { catalog: "github", components: ["Actions"] },
      {
        url: "https://status.example.com",
        html: {
          component: "li.component",
          name: ".name",
          status: ".status",
          status_attribute: "class",
          statuses: { ok: "operational", down: "major_outage" },
        },
      },
    ]);
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
    { name: "invalid YAML", text: "vendors: [\n", error: /not valid YAML: [^\n]*[^:\s]$/ },
    {
      name: "two vendors with one slug",
      text: "vendors:\n  - url: https://github.example\n    slug: acme\n  - url: https://clerk.example\n    slug: acme\n",
      error: /vendors\.1\.slug: slug acme repeats vendors\.0\.slug/,
    },
    {
      name: "two vendors on one page",
      text: "vendors:\n  - url: https://www.githubstatus.com\n    slug: github\n  - url: HTTPS://www.GitHubStatus.com:443/\n    slug: github2\n",
      error:
        /vendors\.1\.url: HTTPS:\/\/www\.GitHubStatus\.com:443\/ is the page of vendors\.0\.url \(each page is watched once\)/,
    },
    {
      name: "a catalog service and its page",
      text: "vendors:\n  - catalog: github\n  - url: https://www.githubstatus.com/\n    slug: gh\n",
      error: /vendors\.1\.url: .* is the page of vendors\.0\.catalog/,
    },
    {
      name: "interval over a day",
      text: "vendors:\n  - url: https://a.example\n    interval: 999999999999\n",
      error: /interval: at most 86400 seconds/,
    },
    {
      name: "both url and catalog",
      text: "vendors:\n  - url: https://a.example\n    catalog: github\n",
      error: /vendors.0.url: give either url or catalog/,
    },
    { name: "neither url nor catalog", text: "vendors:\n  - slug: a\n", error: /give either url or catalog/ },
    {
      name: "a catalog word the catalog lacks",
      text: "vendors:\n  - catalog: no-such-service-anywhere\n",
      error: /vendors.0.catalog: not in the catalog/,
    },
    {
      name: "platform html without selectors",
      text: "vendors:\n  - url: https://a.example\n    platform: html\n",
      error: /vendors.0.html: platform html needs html: selectors/,
    },
    {
      name: "html selectors on another platform",
      text: "vendors:\n  - url: https://a.example\n    platform: statuspage\n    html: { component: li, statuses: { ok: operational } }\n",
      error: /vendors.0.html: html selectors are for platform html/,
    },
    {
      name: "an unknown html key",
      text: "vendors:\n  - url: https://a.example\n    html: { component: li, statuses: { ok: operational }, colour: red }\n",
      error: /unknown key vendors.0.html.colour/,
    },
    {
      name: "an html word mapped to no status",
      text: "vendors:\n  - url: https://a.example\n    html: { component: li, statuses: { ok: fine } }\n",
      error: /vendors.0.html.statuses.ok/,
    },
    {
      name: "a vendor on the metadata address",
      text: "vendors:\n  - url: http://169.254.169.254/latest/\n",
      error: /vendors.0.url: must not point at a cloud metadata or link-local address/,
    },
    {
      name: "a feed on a SIIT spelling of the metadata address",
      text: "vendors:\n  - url: https://a.example\n    feed: http://[::ffff:0:a9fe:a9fe]/feed\n",
      error: /vendors.0.feed: must not point at a cloud metadata/,
    },
    {
      name: "a channel on the metadata address",
      text: "channels:\n  - id: hook\n    type: webhook\n    url: http://[fd00:ec2::254]/x\n",
      error: /must not point at a cloud metadata/,
    },
    {
      name: "an email channel whose SMTP host is the metadata address",
      text: "channels:\n  - id: mail\n    type: email\n    to: [a@b.example]\n    from: p@b.example\n    smtp: { host: 169.254.169.254, port: 25 }\n",
      error: /smtp.host: must not be a cloud metadata/,
    },
    {
      name: "a partial outage weight above 1",
      text: "vendors:\n  - url: https://a.example\n    partial_outage_weight: 1.5\n",
      error: /vendors.0.partial_outage_weight/,
    },
    {
      name: "an SLA with malformed credits",
      text: "vendors:\n  - url: https://a.example\n    sla: { target: 99.9, credits: '99:10;95:25' }\n",
      error: /vendors.0.sla.credits: like "99.0:10,95.0:25"/,
    },
    {
      name: "an unknown SLA key",
      text: "vendors:\n  - url: https://a.example\n    sla: { target: 99.9, claim: 30 }\n",
      error: /unknown key vendors.0.sla.claim/,
    },
    {
      name: "two SLAs for one component",
      text: "vendors:\n  - url: https://a.example\n    sla: [{ target: 99.9, component: API }, { target: 99, component: API }]\n",
      error: /vendors.0.sla: one target per component/,
    },
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
    [{ PINGORU_RETENTION_DAYS: "-1" }, /invalid retention: -1 \(whole days/],
    [{ PINGORU_RETENTION_DAYS: "1.5" }, /invalid retention/],
    [{ PINGORU_RETENTION_DAYS: "never" }, /invalid retention/],
    [{ PINGORU_RETENTION_DAYS: "36501" }, /invalid retention/],
    [{ PINGORU_SLA_CLAIM_REMIND_DAYS: "0" }, /^invalid SLA claim reminder: 0 \(whole days from 1 to 28\)$/],
    [{ PINGORU_SLA_CLAIM_REMIND_DAYS: "29" }, /invalid SLA claim reminder/],
    [{ PINGORU_SLA_CLAIM_REMIND_DAYS: "2.5" }, /invalid SLA claim reminder/],
  ])("rejects bad environment %o", (env, error) => {
    expect(() => loadSettings({}, env)).toThrow(error);
  });

  it.each([
    [{ PINGORU_RETENTION_DAYS: "30" }, "", 30],
    [{ PINGORU_RETENTION_DAYS: "0" }, "", null],
    [{ PINGORU_RETENTION_DAYS: "Forever" }, "", null],
    [{}, "retention_days: 7", 7],
    [{}, "retention_days: 0", null],
    [{}, "retention_days: forever", null],
    [{ PINGORU_RETENTION_DAYS: "14" }, "retention_days: forever", 14],
  ])("reads the retention from %o and the file's %j: %s days (null keeps everything)", (env, text, days) => {
    const config = text ? file("retention.yaml", text) : undefined;
    expect(loadSettings({ config }, env).retentionDays).toBe(days);
  });

  it.each([
    [{}, "", 7],
    [{ PINGORU_SLA_CLAIM_REMIND_DAYS: "3" }, "", 3],
    [{}, "sla_claim_remind_days: 14", 14],
    [{ PINGORU_SLA_CLAIM_REMIND_DAYS: "2" }, "sla_claim_remind_days: 14", 2],
  ])("reads the SLA claim reminder from %o and the file's %j: %s days before", (env, text, days) => {
    const config = text ? file("remind.yaml", text) : undefined;
    expect(loadSettings({ config }, env).slaClaimRemindDays).toBe(days);
  });

  it("refuses an SLA claim reminder in the file outside 1 to 28 days", () => {
    expect(() => loadSettings({ config: file("bad-remind.yaml", "sla_claim_remind_days: 30") }, {})).toThrow(
      /sla_claim_remind_days: /,
    );
  });

  it.each(["retention_days: -3", "retention_days: 2.5", "retention_days: never"])(
    "refuses %j in the file, saying what is allowed",
    (text) => {
      expect(() => loadSettings({ config: file("bad-retention.yaml", text) }, {})).toThrow(
        /retention_days: whole days from 0 to 36500, or "forever"/,
      );
    },
  );

  it("reads PINGORU_ALLOW_PRIVATE_TARGETS=1", () => {
    expect(loadSettings({}, { PINGORU_ALLOW_PRIVATE_TARGETS: "1" }).allowPrivateTargets).toBe(true);
  });

  it("reads channels and subscriptions, with defaults and ${ENV} secrets", () => {
    const config = file(
      "notify.yaml",
      [
        "channels:",
        "  - id: ops-hook",
        "    type: webhook",
        "    url: https://example.com/hooks/pingoru",
        "    secret: ${HOOK_SECRET}",
        "  - id: pd",
        "    type: pagerduty",
        "    routing_key: R0UTE",
        "subscriptions:",
        "  - channel: ops-hook",
        "    vendors: [github, clerk]",
        "    components: { github: [Actions] }",
        "    min_impact: minor",
        "    events: [incident.opened, incident.resolved, maintenance.*]",
        "  - channel: ops-hook",
        "  - id: pager",
        "    channel: pd",
        "    events: [source.*]",
        "    remind_before_minutes: 60",
        "    notify_during_maintenance: true",
      ].join("\n"),
    );
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const settings = loadSettings({ config }, { HOOK_SECRET: secret });
    expect(settings.channels).toEqual([
      {
        id: "ops-hook",
        type: "webhook",
        config: { url: "https://example.com/hooks/pingoru", secret },
        disabledReason: null,
      },
      {
        id: "pd",
        type: "pagerduty",
        config: { routing_key: "R0UTE", url: "https://events.pagerduty.com/v2/enqueue" },
        disabledReason: null,
      },
    ]);
    expect(settings.subscriptions).toEqual([
      {
        id: "ops-hook-1",
        channel: "ops-hook",
        vendors: ["github", "clerk"],
        components: { github: ["Actions"] },
        minImpact: "minor",
        events: [
          "incident.opened",
          "incident.resolved",
          "maintenance.scheduled",
          "maintenance.started",
          "maintenance.completed",
        ],
      },
      {
        id: "ops-hook-2",
        channel: "ops-hook",
        vendors: null,
        components: null,
        minImpact: null,
        events: ["incident.opened", "incident.updated", "incident.resolved"],
      },
      {
        id: "pager",
        channel: "pd",
        vendors: null,
        components: null,
        minImpact: null,
        events: ["source.degraded", "source.recovered"],
        remindBeforeMinutes: 60,
        notifyDuringMaintenance: true,
      },
    ]);
    expect(Object.isFrozen(settings.channels[0]?.config)).toBe(true);
    const printed = JSON.stringify(redactSettings(settings));
    expect(printed).not.toContain(secret);
    expect(printed).not.toContain("R0UTE");
    expect(printed).toContain("https://example.com/hooks/pingoru");
  });

  it.each([
    {
      name: "unknown channel type",
      text: "channels:\n  - id: a\n    type: carrier-pigeon\n    url: https://a.example\n",
      error: /channels.0.type/,
    },
    {
      name: "unknown channel setting",
      text: "channels:\n  - id: a\n    type: slack\n    url: https://a.example\n    channel: '#ops'\n",
      error: /unknown key channels.0.channel/,
    },
    {
      name: "missing email recipients",
      text: "channels:\n  - id: a\n    type: email\n    from: a@b.example\n    smtp: { host: h, port: 25 }\n",
      error: /channels.0.to/,
    },
    {
      name: "a webhook secret not in whsec_ form",
      text: "channels:\n  - id: a\n    type: webhook\n    url: https://a.example\n    secret: hunter2hunter2hunter2\n",
      error: /channels.0.secret: must be "whsec_"/,
    },
    {
      name: "duplicate channel ids",
      text: "channels:\n  - { id: a, type: slack, url: https://a.example }\n  - { id: a, type: discord, url: https://b.example }\n",
      error: /channels.1.id: duplicate channel id a/,
    },
    {
      name: "unknown subscription key",
      text: "subscriptions:\n  - channel: a\n    vendor: [github]\n",
      error: /unknown key subscriptions.0.vendor/,
    },
    {
      name: "unknown event kind",
      text: "subscriptions:\n  - channel: a\n    events: [incident.exploded]\n",
      error: /subscriptions.0.events.0: must be one of/,
    },
    {
      name: "maintenance as a minimum impact",
      text: "subscriptions:\n  - channel: a\n    min_impact: maintenance\n",
      error: /subscriptions.0.min_impact/,
    },
    {
      name: "a reminder of no minutes",
      text: "subscriptions:\n  - channel: a\n    remind_before_minutes: 0\n",
      error: /subscriptions.0.remind_before_minutes/,
    },
    {
      name: "a reminder more than a week ahead",
      text: "subscriptions:\n  - channel: a\n    remind_before_minutes: 10081\n",
      error: /subscriptions.0.remind_before_minutes/,
    },
    {
      name: "a vendor that is not a slug",
      text: "subscriptions:\n  - channel: a\n    components: { GitHub: [Actions] }\n",
      error: /subscriptions.0.components/,
    },
  ])("rejects $name in the notification config", ({ text, error }) => {
    const config = file("bad-notify.yaml", text);
    expect(() => loadSettings({ config }, {})).toThrow(error);
  });

  it("never echoes a secret in a config error", () => {
    const config = file(
      "leak.yaml",
      "channels:\n  - id: a\n    type: webhook\n    url: https://a.example\n    secret: not-a-whsec-TOPSECRET\n",
    );
    expect(() => loadSettings({ config }, {})).toThrow(/secret/);
    expect(() => loadSettings({ config }, {})).not.toThrow(/TOPSECRET/);
  });

  it("reads the admin token and public URL from the environment, and hides the token", () => {
    const config = file("public.yaml", "public_url: https://file.example\n");
    const settings = loadSettings(
      { config },
      {
        PINGORU_ADMIN_TOKEN: "tok-123",
        PINGORU_READ_TOKEN: "read-456",
        PINGORU_PUBLIC_URL: "https://pingoru.example/",
      },
    );
    expect([settings.adminToken, settings.readToken, settings.publicUrl]).toEqual([
      "tok-123",
      "read-456",
      "https://pingoru.example",
    ]);
    expect(loadSettings({ config }, { PINGORU_ADMIN_TOKEN: "" })).toMatchObject({
      adminToken: null,
      publicUrl: "https://file.example",
    });
    expect(redactSettings(settings)).toMatchObject({ adminToken: "<secret>", readToken: "<secret>" });
    const withDb = loadSettings({ db: "postgres://app:pw1@db/p" }, {});
    expect(redactSettings(withDb)).toMatchObject({ databaseUrl: "postgres://app:<secret>@db/p" });
    expect(JSON.stringify(redactSettings(settings))).not.toContain("tok-123");
    expect(() => loadSettings({}, { PINGORU_PUBLIC_URL: "pingoru.example" })).toThrow(/invalid public URL/);
  });

  it("prints a database password as <secret>", () => {
    expect(redactUrl("postgres://app:hunter2@db:5432/p")).toBe("postgres://app:<secret>@db:5432/p");
  });
});
