import { describe, expect, it } from "vitest";
import { PingoruError } from "../lib/errors.ts";
import { parseChannelSettings, redactChannelSettings } from "./channel-settings.ts";
import type { ChannelType } from "./registry.ts";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const smtp = { host: "127.0.0.1", port: 2525 };

describe("parseChannelSettings", () => {
  it.each<[ChannelType, Record<string, unknown>, Record<string, unknown>]>([
    [
      "webhook",
      { url: "https://x.example/h", secret: SECRET },
      { url: "https://x.example/h", secret: SECRET },
    ],
    ["webhook", { url: "http://127.0.0.1:9/h" }, { url: "http://127.0.0.1:9/h" }],
    [
      "slack",
      { url: "https://hooks.slack.com/services/T/B/X" },
      { url: "https://hooks.slack.com/services/T/B/X" },
    ],
    [
      "email",
      { to: ["ops@example.com"], from: "pingoru@example.com", smtp },
      { to: ["ops@example.com"], from: "pingoru@example.com", smtp },
    ],
    [
      "pagerduty",
      { routing_key: "R0UT1NG" },
      { routing_key: "R0UT1NG", url: "https://events.pagerduty.com/v2/enqueue" },
    ],
    [
      "opsgenie",
      { api_key: "k", url: "http://127.0.0.1:1/a" },
      { api_key: "k", url: "http://127.0.0.1:1/a" },
    ],
  ])("accepts %s settings (with defaults)", (type, given, expected) => {
    expect(parseChannelSettings("c1", type, given)).toEqual(expected);
  });

  it.each<[ChannelType, Record<string, unknown>, RegExp]>([
    ["webhook", { url: "ftp://x.example" }, /^channel c1: url: must be an http\(s\) URL$/],
    [
      "webhook",
      { url: "https://x.example", secret: "hunter2-plain-secret" },
      /^channel c1: secret: must be "whsec_"/,
    ],
    ["slack", { url: "https://x.example", channel: "#ops" }, /^channel c1: unknown key channel$/],
    ["email", { to: [], from: "a@example.com", smtp }, /^channel c1: to: at least one address$/],
    [
      "email",
      { to: ["a@example.com"], from: "a@example.com", smtp: { ...smtp, pass: "p" } },
      /unknown key smtp\.pass/,
    ],
    ["pagerduty", {}, /^channel c1: routing_key: /],
  ])("refuses bad %s settings with a one-line reason naming the key", (type, given, message) => {
    const attempt = () => parseChannelSettings("c1", type, given);
    expect(attempt).toThrow(PingoruError);
    expect(attempt).toThrow(message);
  });

  it("never echoes a secret value in its error", () => {
    const secret = "whsec_not*base64*at*all-but-secret";
    try {
      parseChannelSettings("c1", "webhook", { url: "https://x.example", secret });
      expect.fail("expected a rejection");
    } catch (error) {
      expect(String(error)).not.toContain("not*base64");
    }
  });
});

describe("redactChannelSettings", () => {
  it.each<[ChannelType, Record<string, unknown>, Record<string, unknown>]>([
    [
      "webhook",
      { url: "https://x.example", secret: SECRET },
      { url: "https://x.example", secret: "<secret>" },
    ],
    ["webhook", { url: "https://x.example" }, { url: "https://x.example" }],
    ["discord", { url: "https://discord.com/api/webhooks/1/t" }, { url: "<secret>" }],
    [
      "email",
      { to: ["a@example.com"], smtp: { host: "h", port: 1, password: "p" } },
      { to: ["a@example.com"], smtp: { host: "h", port: 1, password: "<secret>" } },
    ],
    [
      "opsgenie",
      { api_key: "k", url: "https://o.example" },
      { api_key: "<secret>", url: "https://o.example" },
    ],
  ])("hides the secrets of %s settings", (type, given, expected) => {
    const copy = structuredClone(given);
    expect(redactChannelSettings(type, given)).toEqual(expected);
    expect(given).toEqual(copy);
  });
});
