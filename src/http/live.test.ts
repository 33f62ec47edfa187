import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChangeEvent } from "../domain/model.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { createApp } from "./app.ts";
import { createLiveHub, type LiveChange } from "./live.ts";
import { startHttpServer, type HttpServer } from "./server.ts";

const AT = "2024-05-03T12:00:00.000Z";

const event = (id: string, vendor: string, type: ChangeEvent["type"] = "incident.opened"): ChangeEvent => ({
  id,
  type,
  vendor,
  incidentId: null,
  componentId: null,
  at: AT,
  data: {},
});

async function writeEvents(store: Store, vendor: string, events: ChangeEvent[]): Promise<void> {
  await store.savePoll({ vendor, polledAt: AT, nextPollAt: AT, outcome: { ok: true }, events });
}

let store: Store;
beforeEach(async () => {
  store = await openStore(":memory:");
  for (const slug of ["acme", "beta"])
    await store.addVendor({ slug, name: slug, url: `https://${slug}.example`, platform: "feed" }, AT);
});
afterEach(() => store.close());

/** Reads an SSE body until `done` says the text so far is enough, or the deadline passes. */
async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  done: (text: string) => boolean,
  ms: number,
): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + ms;
  while (!done(text)) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`no match within ${ms} ms; got ${JSON.stringify(text)}`);
    const chunk = await Promise.race([
      reader.read(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timeout; got ${text}`)), left)),
    ]);
    if (chunk.done) throw new Error(`stream ended; got ${JSON.stringify(text)}`);
    text += decoder.decode(chunk.value, { stream: true });
  }
  return text;
}

describe("GET /events/stream over real HTTP", () => {
  let server: HttpServer;
  afterEach(() => server?.close());

  it("pushes a change within 2 s of an event being stored, and sends heartbeats", async () => {
    // Events from before the client connected are not news.
    await writeEvents(store, "beta", [event("old", "beta")]);
    const app = createApp({
      store,
      now: () => new Date(AT),
      pollIntervalSeconds: 60,
      live: { pollMs: 100, heartbeatMs: 300 },
    });
    server = await startHttpServer(app, { port: 0, host: "127.0.0.1" });
    const controller = new AbortController();
    const res = await fetch(`${server.url}/events/stream`, { signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    // "ready" comes once the hub knows where the stream ends: whatever is written after it is news.
    await readUntil(reader, (t) => t.includes("event: ready"), 15_000);
    await writeEvents(store, "acme", [event("e1", "acme"), event("e2", "acme", "component.changed")]);
    const text = await readUntil(reader, (t) => /event: change\ndata: .*\n\n/.test(t), 15_000);
    const data = /event: change\ndata: (.*)\n/.exec(text)![1]!;
    const change = JSON.parse(data) as LiveChange;
    expect(change.vendors).toEqual(["acme"]);
    expect(change.types).toEqual(["component.changed", "incident.opened"]);
    expect(change.cursor).toBe(await store.latestEventCursor());

    await readUntil(reader, (t) => t.includes(": heartbeat"), 15_000);
    controller.abort();
  });
});

describe("createLiveHub", () => {
  it("polls only while someone listens, shares one poller and tells every listener", async () => {
    let reads = 0;
    const counting: Store = new Proxy(store, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (key === "listEvents" || key === "latestEventCursor") reads++;
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const hub = createLiveHub({ store: counting, pollMs: 20 });
    const a: LiveChange[] = [];
    const b: LiveChange[] = [];
    const stopA = hub.subscribe((c) => a.push(c));
    const stopB = hub.subscribe((c) => b.push(c));
    expect(hub.listeners()).toBe(2);
    await hub.started();
    await writeEvents(store, "beta", [event("x", "beta")]);
    await expect.poll(() => a.length, { timeout: 15_000 }).toBe(1);
    expect(b).toEqual(a);
    expect(a[0]?.vendors).toEqual(["beta"]);

    stopA();
    stopB();
    expect(hub.listeners()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 40));
    const after = reads;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reads).toBe(after);
  });
});
