// `pingoru serve` as a real process: config channels and subscriptions synced on start and on SIGHUP,
// the admin API behind PINGORU_ADMIN_TOKEN (403 without it), secrets never shown.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { killAllCli, startCli, waitFor } from "../helpers/run-cli.ts";
import { WEBHOOK_SECRET } from "./notify-receiver.ts";

afterEach(killAllCli);

const channelYaml = (url: string) =>
  `channels:\n  - id: ops-hook\n    type: webhook\n    url: ${url}\n    secret: \${HOOK_SECRET}\n`;

async function startServe(config: string, env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "pingoru-notify-serve-"));
  const serve = startCli(["serve", "--port", "0", "--db", join(dir, "p.db"), "--config", config], {
    env: { HOOK_SECRET: WEBHOOK_SECRET, ...env },
  });
  const url = await waitFor("serve to listen", () => {
    if (serve.child.exitCode !== null) throw new Error(`serve exited: ${serve.stderr()}`);
    const line = serve
      .stderr()
      .split("\n")
      .find((l) => l.includes('"msg":"pingoru serving"'));
    return line === undefined ? undefined : (JSON.parse(line) as { url: string }).url;
  });
  return { serve, url };
}

describe("serve and the notification config", () => {
  it("syncs channels and subscriptions on start and SIGHUP; the admin API shows them with secrets hidden", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pingoru-notify-cfg-"));
    const config = join(dir, "pingoru.yaml");
    writeFileSync(config, channelYaml("https://hooks.example/v1"));
    const { serve, url } = await startServe(config, { PINGORU_ADMIN_TOKEN: "s3cret-admin" });
    // No PINGORU_PUBLIC_URL: notification links point where serve listens, and it says so.
    const linksLine = serve
      .stderr()
      .split("\n")
      .find((line) => line.includes("notification links use the listen address"));
    expect(JSON.parse(linksLine!)).toMatchObject({ links: url });
    const admin = async (path: string, token = "s3cret-admin") => {
      const response = await fetch(`${url}/api/v1/admin${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return { status: response.status, body: (await response.json()) as unknown };
    };
    // The delivery log (channel ids, receivers' errors) is admin-only: the old public paths redirect
    // to the admin ones, which refuse a caller without the token or session.
    expect(await admin("/deliveries")).toEqual({ status: 200, body: { deliveries: [], next: null } });
    expect((await admin("/deliveries", "wrong")).status).toBe(401);
    const moved = await fetch(`${url}/api/v1/deliveries?status=failed`, { redirect: "manual" });
    expect([moved.status, moved.headers.get("location")]).toEqual([
      308,
      "/api/v1/admin/deliveries?status=failed",
    ]);
    expect((await fetch(`${url}/api/v1/admin/deliveries`)).status).toBe(401);
    const page = await fetch(`${url}/deliveries`); // follows to /admin/deliveries, then to the sign-in
    expect(page.url).toBe(`${url}/admin/login`);
    expect(await page.text()).not.toContain("ops-hook");
    expect(await admin("/channels")).toEqual({
      status: 200,
      body: [
        {
          id: "ops-hook",
          type: "webhook",
          url: "https://hooks.example/v1",
          secret: "<secret>",
          disabled_reason: null,
        },
      ],
    });
    expect((await admin("/channels", "wrong")).status).toBe(401);
    expect(await admin("/subscriptions")).toEqual({ status: 200, body: [] });

    writeFileSync(
      config,
      channelYaml("https://hooks.example/v2") +
        "subscriptions:\n  - channel: ops-hook\n    vendors: [github]\n    remind_before_minutes: 30\n",
    );
    serve.child.kill("SIGHUP");
    const subscriptions = await waitFor("the subscription after SIGHUP", async () => {
      const { body } = await admin("/subscriptions");
      return (body as unknown[]).length > 0 ? body : undefined;
    });
    expect(subscriptions).toEqual([
      {
        id: "ops-hook-1",
        channel: "ops-hook",
        vendors: ["github"],
        components: null,
        min_impact: null,
        events: ["incident.opened", "incident.updated", "incident.resolved"],
        remind_before_minutes: 30,
        notify_during_maintenance: false,
      },
    ]);
    expect(((await admin("/channels")).body as { url: string }[])[0]!.url).toBe("https://hooks.example/v2");
    serve.child.kill("SIGTERM");
    const exit = await serve.exited;
    expect(exit.code, exit.stderr).toBe(0);
    expect(exit.stderr).not.toContain(WEBHOOK_SECRET.slice("whsec_".length));
    expect(exit.stderr).not.toContain("s3cret-admin");
  }, 30_000);

  it("without PINGORU_ADMIN_TOKEN the admin API answers 403 with the reason", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pingoru-notify-cfg-"));
    const config = join(dir, "pingoru.yaml");
    writeFileSync(config, channelYaml("https://hooks.example/v1"));
    const { url } = await startServe(config, {});
    const response = await fetch(`${url}/api/v1/admin/channels`, { headers: { authorization: "Bearer x" } });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: "admin API disabled: set PINGORU_ADMIN_TOKEN" });
    // The delivery log is admin-only: shut without the token, as the rest of the admin API.
    const deliveries = await fetch(`${url}/api/v1/admin/deliveries`);
    expect(deliveries.status).toBe(403);
  }, 30_000);
});
