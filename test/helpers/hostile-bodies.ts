// Hostile bodies just under the 5 MiB cap, each read by a real adapter: run as a child process
// with a small heap (hostile-bodies.test.ts), so a parser that amplified one would crash it.
// Prints one JSON line per case: its name, the error kind (or "ok"), and the process's peak RSS.
import type { HttpClient } from "../../src/lib/http-client.ts";
import { isPingoruError } from "../../src/lib/errors.ts";
import { getPlatform } from "../../src/platforms/registry.ts";

const SIZE = 4_500_000;
const rss = (item: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title>${item}</channel></rss>`;
const item = (description: string) =>
  `<item><title>x</title><guid>g</guid><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate>` +
  `<description>${description}</description></item>`;

export const HOSTILE_CASES: Record<string, { platform: string; body: () => string }> = {
  "feed of character references": { platform: "feed", body: () => rss(item("&#65;".repeat(SIZE / 5))) },
  "feed of one long text": { platform: "feed", body: () => rss(item("A".repeat(SIZE))) },
  "feed nested 1.5 million deep": { platform: "feed", body: () => rss("<a>".repeat(SIZE / 3)) },
  "feed of 640,000 empty elements": { platform: "feed", body: () => rss("<a></a>".repeat(SIZE / 7)) },
  "statuspage JSON nested 4 million deep": { platform: "statuspage", body: () => "[".repeat(4_000_000) },
  "cachet JSON nested 4 million deep": { platform: "cachet", body: () => "[".repeat(4_000_000) },
  "html page nested 900,000 deep": { platform: "html", body: () => "<div>".repeat(SIZE / 5) },
};

const HTML_OPTIONS = { component: "li", statuses: { ok: "operational" } };

async function readCase(name: string): Promise<string> {
  const { platform, body } = HOSTILE_CASES[name]!;
  const text = body();
  const http: HttpClient = {
    get: async (url) => ({ url, status: 200, headers: {}, body: text, notModified: false }),
  };
  const page = { url: "http://127.0.0.1:9/hostile", options: platform === "html" ? HTML_OPTIONS : null };
  try {
    await getPlatform(platform).read(page, { http });
    return "ok";
  } catch (error) {
    return isPingoruError(error) ? error.kind : `untyped: ${String(error)}`;
  }
}

if (import.meta.main) {
  for (const name of process.argv.slice(2)) {
    const kind = await readCase(name);
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    process.stdout.write(`${JSON.stringify({ name, kind, peakRssMb })}\n`);
  }
}
