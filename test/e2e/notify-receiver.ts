// A webhook receiver on loopback for the notification end-to-end tests: it verifies each request's
// Standard Webhooks signature (its own implementation, not Pingoru's), records what arrived, and
// answers as the test says — a status code, or "hold" to keep the request open.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { ServerResponse } from "node:http";
import { startTestServer, type TestServer } from "../helpers/http-test-server.ts";

export const WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

export interface WebhookBody {
  type: string;
  delivery_id: string;
  vendor: { slug: string; name: string; url: string };
  events: {
    id: string;
    type: string;
    vendor: string;
    incident_id: string | null;
    data: Record<string, unknown>;
  }[];
  incident: { id: string; title: string; status: string } | null;
  link: string | null;
}

export interface Received {
  webhookId: string;
  timestamp: number;
  signatureValid: boolean;
  body: WebhookBody;
  /** performance.timeOrigin-based ms when the body had fully arrived. */
  at: number;
  /** What the receiver answered (0 while held). */
  answered: number;
}

export interface WebhookReceiver extends Pick<TestServer, "url" | "close"> {
  received: Received[];
  /** The answer for requests from now on. */
  answer: number | "hold";
  /** Answers every held request with this status. */
  release(status?: number): void;
  /** Called as each request arrives (after it is recorded). */
  onReceive: ((received: Received) => void) | null;
}

export async function startWebhookReceiver(secret = WEBHOOK_SECRET): Promise<WebhookReceiver> {
  const held: { res: ServerResponse; received: Received }[] = [];
  const receiver: WebhookReceiver = {
    url: "",
    received: [],
    answer: 204,
    release(status = 204) {
      for (const { res, received } of held.splice(0)) {
        received.answered = status;
        if (!res.destroyed) res.writeHead(status).end();
      }
    },
    onReceive: null,
    close: async () => undefined,
  };
  const server = await startTestServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const header = (name: string) => String(req.headers[name] ?? "");
      const received: Received = {
        webhookId: header("webhook-id"),
        timestamp: Number(header("webhook-timestamp")),
        signatureValid: verifySignature(
          secret,
          header("webhook-id"),
          header("webhook-timestamp"),
          raw,
          header("webhook-signature"),
        ),
        body: JSON.parse(raw) as WebhookBody,
        at: performance.timeOrigin + performance.now(),
        answered: 0,
      };
      receiver.received.push(received);
      receiver.onReceive?.(received);
      if (receiver.answer === "hold") return void held.push({ res, received });
      received.answered = receiver.answer;
      res.writeHead(receiver.answer).end();
    });
  });
  receiver.url = `${server.url}/hooks/pingoru`;
  receiver.close = server.close;
  return receiver;
}

/** Standard Webhooks: any "v1,<base64 HMAC-SHA256(key, id.timestamp.body)>" in the header matches. */
export function verifySignature(
  secret: string,
  id: string,
  timestamp: string,
  body: string,
  header: string,
): boolean {
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest();
  return header.split(" ").some((part) => {
    const [version, signature] = part.split(",");
    if (version !== "v1" || signature === undefined) return false;
    const given = Buffer.from(signature, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** Accepted deliveries after a receiver's dedup by webhook-id: each id once, in arrival order. */
export function dedupe(received: readonly Received[]): Received[] {
  const seen = new Map<string, Received>();
  for (const r of received) if (!seen.has(r.webhookId)) seen.set(r.webhookId, r);
  return [...seen.values()];
}
