import { describe, expect, it } from "vitest";
import { PingoruError } from "../lib/errors.ts";
import {
  channelFields,
  parseChannelSettings,
  redactChannelSettings,
  settingsFromFields,
  type TypedValue,
} from "./channel-settings.ts";
import { channelDefinition, CHANNELS, type ChannelType } from "./registry.ts";

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

describe("channelFields", () => {
  const fieldsOf = (type: ChannelType) => channelFields(channelDefinition(type)!);

  it("reads each kind's fields from its schema: nesting, lists, numbers, defaults and secrets", () => {
    const brief = (type: ChannelType) =>
      fieldsOf(type).map((f) => [f.name, f.kind, f.required, f.secret, f.defaultValue]);
    expect(brief("webhook")).toEqual([
      ["url", "text", true, false, undefined],
      ["secret", "text", false, true, undefined],
    ]);
    expect(brief("slack")).toEqual([["url", "text", true, true, undefined]]);
    expect(brief("pagerduty")).toEqual([
      ["routing_key", "text", true, true, undefined],
      ["url", "text", false, false, "https://events.pagerduty.com/v2/enqueue"],
    ]);
    expect(brief("email")).toEqual([
      ["to", "list", true, false, undefined],
      ["from", "text", true, false, undefined],
      ["smtp.host", "text", true, false, undefined],
      ["smtp.port", "number", true, false, undefined],
      ["smtp.secure", "boolean", false, false, undefined],
      ["smtp.user", "text", false, false, undefined],
      ["smtp.password", "text", false, true, undefined],
    ]);
  });

  it("has a field for every secret path of every kind", () => {
    for (const definition of CHANNELS) {
      const secrets = channelFields(definition).filter((f) => f.secret);
      expect(secrets.map((f) => f.path)).toEqual(definition.secretPaths);
    }
  });
});

describe("settingsFromFields", () => {
  const parse = (type: ChannelType, typed: Record<string, TypedValue>) => {
    const fields = channelFields(channelDefinition(type)!);
    return parseChannelSettings(
      "c1",
      type,
      settingsFromFields(fields, (f) => typed[f.name]),
    );
  };

  it("builds nested settings: lists split on commas (or repeated), numbers read, switches on", () => {
    const typed = {
      to: ["a@example.com, b@example.com", "c@example.com"],
      from: " pingoru@example.com ",
      "smtp.host": "127.0.0.1",
      "smtp.port": "2525",
      "smtp.secure": "on",
      "smtp.user": "",
      "smtp.password": "pw",
    };
    expect(parse("email", typed)).toEqual({
      to: ["a@example.com", "b@example.com", "c@example.com"],
      from: "pingoru@example.com",
      smtp: { host: "127.0.0.1", port: 2525, secure: true, password: "pw" },
    });
  });

  it("leaves blank fields out, so the schema's defaults apply", () => {
    expect(parse("pagerduty", { routing_key: "R", url: "  " })).toEqual({
      routing_key: "R",
      url: "https://events.pagerduty.com/v2/enqueue",
    });
    expect(parse("webhook", { url: "https://x.example/h", secret: "" })).toEqual({
      url: "https://x.example/h",
    });
  });

  it("hands what is not a number to the schema as text, which refuses it by key", () => {
    const typed = { to: "a@example.com", from: "p@example.com", "smtp.host": "h", "smtp.port": "25x" };
    expect(() => parse("email", typed)).toThrow(/^channel c1: smtp\.port: /);
  });
});
