import { Command } from "commander";
import { serializeIncident } from "../domain/api-json.ts";
import { isOpenIncident } from "../domain/model.ts";
import { loadSettings } from "../config/load.ts";
import type { VendorPreview } from "../poller/preview.ts";
import { HTML_OPTION_HELP, pagePlatform, parseHtmlOptions } from "./html-option.ts";
import { count, platformOption } from "./options.ts";
import type { HtmlOptions } from "../platforms/html-options.ts";
import { formatDuration, formatUtc } from "../lib/human-time.ts";

interface CheckOptions {
  platform?: string;
  feed?: string;
  json?: boolean;
  html?: HtmlOptions;
}

export function checkCommand(): Command {
  return new Command("check")
    .argument("<url>", "the status page URL")
    .addOption(platformOption())
    .option("--feed <url>", "the page's RSS/Atom feed")
    .option("--html <selectors>", HTML_OPTION_HELP, parseHtmlOptions)
    .option("--json", "print the normalized snapshot as JSON")
    .action(async (url: string, options: CheckOptions) => {
      const settings = loadSettings({}, process.env);
      // What reading a page needs is loaded here, so `check --help` starts at once.
      const [{ createHttpClient }, { detectPlatform, getPlatform }, { previewVendor }] = await Promise.all([
        import("../lib/guarded-http.ts"),
        import("../platforms/registry.ts"),
        import("../poller/preview.ts"),
      ]);
      const http = createHttpClient({ allowPrivateTargets: settings.allowPrivateTargets });
      try {
        const preview = await previewVendor(
          { url, feedUrl: options.feed, ...pagePlatform(options) },
          { http, platform: getPlatform, detect: detectPlatform, now: () => new Date() },
        );
        const report = normalize(preview);
        if (options.json) process.stdout.write(JSON.stringify(report, null, 2) + "\n");
        else printReport(report, preview.evidence);
      } finally {
        await http.close();
      }
    });
}

function normalize(preview: VendorPreview) {
  return {
    platform: preview.platform,
    page_name: preview.pageName,
    components: preview.components.map((c) => ({
      id: c.id,
      name: c.name,
      group: c.group,
      status: c.status,
      raw_status: c.rawStatus,
    })),
    incidents: preview.incidents.map((i) => serializeIncident(i)),
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
    const span = spanText(i);
    out.push(
      `  [${i.kind}/${i.status}/${i.impact}] ${i.title}`,
      `      ${span}, ${count(i.updates.length, "update")}`,
    );
  }
  process.stdout.write(out.join("\n") + "\n");
}

/** An incident's span as check prints it; one closed without a resolved time lasted an unknown time. */
export function spanText(
  i: Pick<ReturnType<typeof serializeIncident>, "started_at" | "resolved_at" | "duration_seconds" | "status">,
): string {
  const from = formatUtc(i.started_at);
  if (i.resolved_at !== null)
    return `${from} → ${formatUtc(i.resolved_at)} (${formatDuration(i.duration_seconds ?? 0)})`;
  return isOpenIncident({ status: i.status, resolvedAt: null })
    ? `${from} → open`
    : `${from} → closed, end unknown`;
}
