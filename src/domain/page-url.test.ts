import { describe, expect, it } from "vitest";
import { comparablePageUrl } from "./page-url.ts";

describe("comparablePageUrl", () => {
  it.each([
    ["https://www.githubstatus.com", "https://www.githubstatus.com"],
    ["HTTPS://WWW.GitHubStatus.com/", "https://www.githubstatus.com"],
    ["https://www.githubstatus.com:443//", "https://www.githubstatus.com"],
    ["http://127.0.0.1:80/status/#top", "http://127.0.0.1/status"],
    ["http://127.0.0.1:8080/status?page=a", "http://127.0.0.1:8080/status?page=a"],
  ])("%s → %s", (url, want) => {
    expect(comparablePageUrl(url)).toBe(want);
  });

  it("keeps what tells pages apart: scheme, host, port, path and query", () => {
    const urls = [
      "https://status.example.com",
      "http://status.example.com",
      "https://example.com",
      "https://status.example.com:8443",
      "https://status.example.com/eu",
      "https://status.example.com/?region=eu",
    ];
    expect(new Set(urls.map(comparablePageUrl)).size).toBe(urls.length);
  });
});
