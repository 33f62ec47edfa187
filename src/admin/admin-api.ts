// Admin API: channels and subscriptions, behind `Authorization: Bearer $PINGORU_ADMIN_TOKEN`.
// Without a token configured the routes answer 403: an admin API nobody secured stays shut.
import { JSON_LIMIT_BYTES, limitBody } from "./admin-form.ts";
import { createHash, timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import type { Context, Next } from "hono";
import { describeError, PingoruError } from "../lib/errors.ts";
import type { Channel } from "../notify/channel.ts";
import { sendOnce } from "../notify/dispatcher.ts";
import type { ChannelConfig } from "../domain/notification.ts";
import { sampleNotification } from "../notify/notification.ts";
import { parseSubscriptionInput } from "./subscription-input.ts";
import type { PreviewInput, VendorPreview } from "../poller/preview.ts";
import type { Store } from "../store/store.ts";
import { parseChannelBody } from "./channel-input.ts";
import { createSlaAdminApi } from "./admin-sla.ts";
import { createVendorAdminApi, type AddVendorFn } from "./admin-vendors.ts";
import { serializeSubscription } from "../domain/api-json.ts";
import { serializeChannel } from "./serialize-channel.ts";
import { deliveriesJson } from "../http/api.ts";
import type { FailureLimiter } from "../lib/failure-limiter.ts";
import { clientAddress } from "../lib/client-address.ts";
import { createSignInLimiter, tooManyMessage } from "./sign-in-limit.ts";

export interface AdminDeps {
  store: Store;
  now: () => Date;
  /** Null or empty: the admin API is disabled. */
  adminToken: string | null;
  /** Builds (and so validates) a channel, as the dispatcher does. */
  channelFor: (config: ChannelConfig) => Channel;
  publicUrl?: string | null;
  /** Adds a vendor and polls its baseline (as `pingoru vendors add`); absent: POST /vendors is 501. */
  addVendor?: AddVendorFn;
  /** Reads a page without storing it, for the admin pages' "add a vendor" preview. */
  previewVendor?: (input: PreviewInput) => Promise<VendorPreview>;
  /** Failed sign-ins per client, shared by the admin pages and API (each makes its own when absent). */
  signIns?: FailureLimiter;
}

export function createAdminApi(deps: AdminDeps): Hono {
  const { store } = deps;
  const admin = new Hono();
  admin.use(
    "*",
    limitBody(JSON_LIMIT_BYTES, (c, message) => c.json({ error: message }, 413)),
  );
  admin.use("*", requireToken(deps.adminToken, deps.signIns ?? createSignInLimiter(), deps.now));
  admin.route("/vendors", createVendorAdminApi(store, deps.now, deps.addVendor));
  admin.route("/vendors", createSlaAdminApi(store));

  // The delivery log: channel ids and receivers' errors, so only for the admin (was /api/v1/deliveries).
  admin.get("/deliveries", async (c) => c.json(await deliveriesJson(store, (name) => c.req.query(name))));
  admin.get("/channels", async (c) => c.json((await store.listChannels()).map(serializeChannel)));
  admin.get("/channels/:id", async (c) =>
    c.json(serializeChannel(await findChannel(store, c.req.param("id")))),
  );
  admin.put("/channels/:id", async (c) => {
    const id = c.req.param("id");
    const existing = (await store.listChannels()).find((channel) => channel.id === id) ?? null;
    const channel = parseChannelBody(id, await readJson(c), existing);
    deps.channelFor(channel);
    // Saving a channel again is the way to re-enable one the receiver had said was gone.
    await store.upsertChannel(channel);
    if (existing?.disabledReason) await store.setChannelDisabled(id, null);
    return c.json(serializeChannel(channel), existing === null ? 201 : 200);
  });
  admin.delete("/channels/:id", async (c) => {
    if (!(await store.removeChannel(c.req.param("id")))) await findChannel(store, c.req.param("id"));
    return c.body(null, 204);
  });
  admin.post("/channels/:id/test", async (c) => {
    const config = await findChannel(store, c.req.param("id"));
    const outcome = await testChannel(deps, config);
    if (outcome.ok) return c.json({ ok: true, channel: config.id, ms: outcome.ms });
    return c.json({ ok: false, channel: config.id, error: outcome.error }, 502);
  });

  admin.get("/subscriptions", async (c) =>
    c.json((await store.listSubscriptions()).map(serializeSubscription)),
  );
  admin.get("/subscriptions/:id", async (c) =>
    c.json(serializeSubscription(await findSubscription(store, c.req.param("id")))),
  );
  admin.put("/subscriptions/:id", async (c) => {
    const id = c.req.param("id");
    const subscription = parseSubscriptionInput({ ...(await readJson(c)), id });
    const channels = await store.listChannels();
    if (!channels.some((channel) => channel.id === subscription.channel))
      throw new PingoruError(
        "input",
        `subscription ${id}: no channel ${JSON.stringify(subscription.channel)}`,
      );
    const existed = (await store.listSubscriptions()).some((s) => s.id === id);
    await store.upsertSubscription(subscription);
    return c.json(serializeSubscription(subscription), existed ? 200 : 201);
  });
  admin.delete("/subscriptions/:id", async (c) => {
    if (!(await store.removeSubscription(c.req.param("id"))))
      await findSubscription(store, c.req.param("id"));
    return c.body(null, 204);
  });
  return admin;
}

export type ChannelTestOutcome = { ok: true; ms: number } | { ok: false; error: string };

/** Sends the sample notification once through the channel, built as the dispatcher builds it. */
export async function testChannel(deps: AdminDeps, config: ChannelConfig): Promise<ChannelTestOutcome> {
  const started = performance.now();
  try {
    const notification = sampleNotification(deps.now(), deps.publicUrl ?? null);
    await sendOnce(deps.channelFor(config), notification, { now: deps.now });
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}

function requireToken(token: string | null, signIns: FailureLimiter, now: () => Date) {
  const expected = token ? digest(token) : null;
  return async (c: Context, next: Next) => {
    if (expected === null) return c.json({ error: "admin API disabled: set PINGORU_ADMIN_TOKEN" }, 403);
    const client = clientAddress(c);
    const wait = signIns.retryAfter(client, now().getTime());
    if (wait > 0) return c.json({ error: tooManyMessage(wait) }, 429, { "retry-after": String(wait) });
    const given = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "")?.[1];
    // Compare digests so the comparison's time says nothing about the token.
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      signIns.fail(client, now().getTime());
      return c.json({ error: "admin API: missing or wrong bearer token" }, 401, {
        "www-authenticate": 'Bearer realm="pingoru-admin"',
      });
    }
    await next();
  };
}

const digest = (text: string) => createHash("sha256").update(text).digest();

async function readJson(c: Context): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new PingoruError("input", "the body must be a JSON object");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw new PingoruError("input", "the body must be a JSON object");
  return body as Record<string, unknown>;
}

export async function findChannel(store: Store, id: string): Promise<ChannelConfig> {
  const channel = (await store.listChannels()).find((c) => c.id === id);
  if (channel === undefined) throw new PingoruError("not_found", `no channel ${JSON.stringify(id)}`);
  return channel;
}

async function findSubscription(store: Store, id: string) {
  const subscription = (await store.listSubscriptions()).find((s) => s.id === id);
  if (subscription === undefined)
    throw new PingoruError("not_found", `no subscription ${JSON.stringify(id)}`);
  return subscription;
}
