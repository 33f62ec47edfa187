import { Command } from "commander";
import type { PlatformKind, Snapshot } from "../domain/model.ts";
import { buildIncident, componentOrder } from "../domain/record.ts";
import { assertSafeUrl } from "../lib/safe-url.ts";
import { serializeIncident } from "../http/serialize.ts";
import { createHttpClient } from "../platforms/http.ts";
import { detectPlatform, getPlatform } from "../platforms/index.ts";
import { loadSettings } from "../config/load.ts";
import { platformOption } from "./options.ts";

interface CheckOptions {
  platform?: PlatformKind;
  feed?: string;
  json?: boolean;
}

export function checkCommand(): Command {
  return new Command("check")
    .description("fetch a status page once and print what Pingoru reads from it; stores nothing")
    .argument("<url>", "the status page URL")
    .addOption(platformOption())
    .option("--feed <url>", "the page's RSS/Atom feed")
    .option("--json", "print the normalized snapshot as JSON")
    .action(async (url: string, options: CheckOptions) => {
      const settings = loadSettings({}, process.env);
      const http = createHttpClient({ allowPrivateTargets: settings.allowPrivateTargets });
      try {
        const base = assertSafeUrl(url).toString().replace(/\/$/, "");
        const detection = options.platform ? null : await detectPlatform(base, { http });
        const kind = options.platform ?? detection!.kind;
        const read = await getPlatform(kind).read({ url: base, feedUrl: options.feed ?? null }, { http });
        if (read.unchanged) throw new Error("unexpected: unchanged on a first read");
        const report = normalize(kind, read.snapshot);
        if (options.json) process.stdout.write(JSON.stringify(report, null, 2) + "\n");
        else printReport(report, detection?.evidence ?? `platform ${kind} (given)`);
      } finally {
        await http.close();
      }
    });
}

function normalize(platform: PlatformKind, snapshot: Snapshot) {
  const now = new Date().toISOString();
  const order = componentOrder(snapshot.components);
  const ctx = { vendor: "check", now, baseline: true, componentOrder: order };
  return {
    platform,
    page_name: snapshot.pageName,
    components: snapshot.components.map((c) => ({
      id: c.id,
      name: c.name,
      group: c.group,
      status: c.status,
      raw_status: c.rawStatus,
    })),
    incidents: snapshot.incidents.map((seen) => serializeIncident(buildIncident(seen, null, ctx))),
  };
}

function printReport(report: ReturnType<typeof normalize>, how: string): void {
  const out: string[] = [
    `${report.page_name ?? "(no name)"} — ${how}`,
    "",
    `Components (${report.components.length}):`,
  ];
  for (const c of report.components)
    out.push(`  ${c.status.padEnd(22)} ${c.group ? `${c.group} / ` : ""}${c.name}`);
  out.push("", `Incidents and maintenances (${report.incidents.length}):`);
  for (const i of report.incidents) {
    const span = i.resolved_at ? `${i.started_at} → ${i.resolved_at}` : `${i.started_at} → open`;
    out.push(
      `  [${i.kind}/${i.status}/${i.impact}] ${i.title}`,
      `      ${span}, ${i.updates.length} updates`,
    );
  }
  process.stdout.write(out.join("\n") + "\n");
}
