import { describe, expect, it } from "vitest";
import { slugFromUrl, slugify } from "./slug.ts";

describe("slugs", () => {
  it.each([
    ["https://www.githubstatus.com", "github"],
    ["https://status.openai.com/", "openai"],
    ["https://status.claude.com", "claude"],
    ["https://status.twilio.com/history", "twilio"],
    ["https://clerk-status.example.co.uk", "clerk"],
    ["http://127.0.0.1:8081", "127-0-0-1"],
    ["https://status.io", "status"],
    ["http://[::1]:8080", "1"],
  ])("slugFromUrl(%s) = %s", (url, slug) => {
    expect(slugFromUrl(url)).toBe(slug);
  });

  it.each([
    ["GitHub", "github"],
    ["Claude (Anthropic)", "claude-anthropic"],
    ["  Ünïcödé Status!  ", "unicode-status"],
  ])("slugify(%s) = %s", (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });
});
