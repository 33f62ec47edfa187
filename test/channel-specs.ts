// Each channel kind's contract spec, keyed by its type: where its receiver is, what valid and invalid
// settings look like, which values are secrets. The contract (test/channel-contract.ts) runs once per
// definition in the registry; a kind missing here fails that run. Adding a channel: one entry here.
import { HTTP_CONTRACT } from "./channel-contract.ts";
import type {
  ContractReceiver,
  ContractSpec,
  ContractSpecs,
  HttpContractReceiver,
} from "./channel-contract.ts";
import { startSmtpReceiver } from "./helpers/smtp-receiver.ts";
import type { SmtpReceiver } from "./helpers/smtp-receiver.ts";
import type { ChannelType } from "../src/notify/registry.ts";

/** A spec for a channel that POSTs to the loopback HTTP receiver (every mode, its Retry-After). */
export function httpContractSpec(
  spec: Omit<ContractSpec<HttpContractReceiver>, keyof typeof HTTP_CONTRACT>,
): ContractSpec<HttpContractReceiver> {
  return { ...HTTP_CONTRACT, ...spec };
}

export const WEBHOOK_SECRET = `whsec_${Buffer.from("pingoru-contract-signing-key-32b").toString("base64")}`;
const BAD_WEBHOOK_SECRET = `whsec_${"!".repeat(24)}`;

const webhook = httpContractSpec({
  settings: (receiver, mode) => ({ url: receiver.http.url(mode, "/hooks/pingoru"), secret: WEBHOOK_SECRET }),
  secrets: [WEBHOOK_SECRET, WEBHOOK_SECRET.slice("whsec_".length), BAD_WEBHOOK_SECRET],
  invalid: [
    { name: "not http", settings: { url: "ftp://example.com/x", secret: WEBHOOK_SECRET }, key: "url" },
    { name: "missing url", settings: { secret: WEBHOOK_SECRET }, key: "url" },
    {
      name: "malformed secret",
      settings: { url: "https://example.com/x", secret: BAD_WEBHOOK_SECRET },
      key: "secret",
    },
    {
      name: "unknown key",
      settings: { url: "https://example.com/x", secret: WEBHOOK_SECRET, extra: 1 },
      key: "extra",
    },
  ],
});

export const SLACK_TOKEN = "xoxSECRETslackTOKEN1234";
export const SLACK_PATH = `/services/T0001/B0001/${SLACK_TOKEN}`;

const slack = httpContractSpec({
  settings: (receiver, mode) => ({ url: receiver.http.url(mode, SLACK_PATH) }),
  secrets: [SLACK_TOKEN],
  invalid: [
    { name: "missing url", settings: {}, key: "url" },
    { name: "not http", settings: { url: `file:///hooks/${SLACK_TOKEN}` }, key: "url" },
    {
      name: "unknown key",
      settings: { url: `https://hooks.slack.com${SLACK_PATH}`, channel: "#ops" },
      key: "channel",
    },
  ],
});

export const DISCORD_TOKEN = "discordSECRETwebhookTOKEN99";
export const DISCORD_PATH = `/api/webhooks/1234567890/${DISCORD_TOKEN}`;

const discord = httpContractSpec({
  settings: (receiver, mode) => ({ url: receiver.http.url(mode, DISCORD_PATH) }),
  secrets: [DISCORD_TOKEN],
  invalid: [
    { name: "missing url", settings: {}, key: "url" },
    { name: "not a URL", settings: { url: `discord ${DISCORD_TOKEN}` }, key: "url" },
    {
      name: "unknown key",
      settings: { url: `https://discord.com${DISCORD_PATH}`, username: "x" },
      key: "username",
    },
  ],
});

export const TEAMS_SIG = "teamsSECRETsig0123456789";
export const TEAMS_PATH = `/workflows/abc/triggers/manual/paths/invoke?api-version=1&sig=${TEAMS_SIG}`;

const teams = httpContractSpec({
  settings: (receiver, mode) => ({ url: receiver.http.url(mode, TEAMS_PATH) }),
  secrets: [TEAMS_SIG],
  invalid: [
    { name: "missing url", settings: {}, key: "url" },
    { name: "not http", settings: { url: `javascript:${TEAMS_SIG}` }, key: "url" },
    {
      name: "unknown key",
      settings: { url: `https://prod.westus.logic.azure.com${TEAMS_PATH}`, card: 1 },
      key: "card",
    },
  ],
});

export const PAGERDUTY_ROUTING_KEY = "R0UTINGkeySECRET0123456789abcdef";

const pagerduty = httpContractSpec({
  settings: (receiver, mode) => ({
    routing_key: PAGERDUTY_ROUTING_KEY,
    url: receiver.http.url(mode, "/v2/enqueue"),
  }),
  secrets: [PAGERDUTY_ROUTING_KEY],
  invalid: [
    { name: "missing routing_key", settings: {}, key: "routing_key" },
    { name: "empty routing_key", settings: { routing_key: "" }, key: "routing_key" },
    { name: "bad url", settings: { routing_key: PAGERDUTY_ROUTING_KEY, url: "not a url" }, key: "url" },
  ],
});

export const OPSGENIE_API_KEY = "genieSECRETkey-0123-4567-89ab";

const opsgenie = httpContractSpec({
  settings: (receiver, mode) => ({ api_key: OPSGENIE_API_KEY, url: receiver.http.url(mode, "/v2/alerts") }),
  secrets: [OPSGENIE_API_KEY],
  invalid: [
    { name: "missing api_key", settings: {}, key: "api_key" },
    { name: "bad url", settings: { api_key: OPSGENIE_API_KEY, url: "ftp://opsgenie" }, key: "url" },
    { name: "unknown key", settings: { api_key: OPSGENIE_API_KEY, team: "ops" }, key: "team" },
  ],
});

export const SMTP_PASSWORD = "smtpSECRETpassw0rd!";

export type SmtpContractReceiver = ContractReceiver & { smtp: SmtpReceiver };

/** Email settings for the loopback SMTP receiver; the recipient says how it answers. */
export const emailContractSettings = (smtp: SmtpReceiver, mode: string) => ({
  to: [`${mode}@example.test`],
  from: "pingoru@example.test",
  smtp: { host: smtp.host, port: smtp.port, user: "pingoru", password: SMTP_PASSWORD },
});

const badEmail = (smtp: Record<string, unknown>, from = "a@example.test") => ({
  to: ["a@example.test"],
  from,
  smtp: { host: "h", port: 25, ...smtp },
});

const email: ContractSpec<SmtpContractReceiver> = {
  start: async () => {
    const smtp = await startSmtpReceiver();
    return {
      smtp,
      received: (mode) =>
        smtp.messages.filter((m) => m.rcpt.includes(`${mode}@example.test`)).map((m) => m.parsed.text ?? ""),
      close: () => smtp.close(),
    };
  },
  settings: (receiver, mode) => emailContractSettings(receiver.smtp, mode),
  // SMTP has no 410 and no redirects; 4xx replies carry no Retry-After.
  modes: ["accept", "unavailable", "rejected", "hang"],
  retryAfter: {},
  secrets: [SMTP_PASSWORD, Buffer.from(`\u0000pingoru\u0000${SMTP_PASSWORD}`).toString("base64")],
  invalid: [
    {
      name: "no recipients",
      settings: { to: [], from: "a@example.test", smtp: { host: "h", port: 25 } },
      key: "to",
    },
    { name: "bad from", settings: badEmail({ password: SMTP_PASSWORD }, "not-an-address"), key: "from" },
    { name: "bad port", settings: badEmail({ port: 0, password: SMTP_PASSWORD }), key: "smtp.port" },
    { name: "unknown smtp key", settings: badEmail({ pass: SMTP_PASSWORD }), key: "smtp.pass" },
  ],
};

export const CHANNEL_SPECS: ContractSpecs = {
  webhook,
  slack,
  discord,
  teams,
  email,
  pagerduty,
  opsgenie,
} satisfies Partial<Record<ChannelType, ContractSpec>>;
