// Bodies are capped before they are read: a huge upload to the admin routes, signed in or not, gets
// 413 and is never buffered. Through the real server (@hono/node-server) over loopback.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpClient } from "../lib/guarded-http.ts";
import { startHttpServer, type HttpServer } from "../http/server.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { adminApp } from "../../test/helpers/admin-app.ts";
import { FORM_LIMIT_BYTES, JSON_LIMIT_BYTES } from "./admin-form.ts";

const TOKEN = "s3cret-admin-token";
let store: Store;
let server: HttpServer;
const http = createHttpClient({ allowPrivateTargets: true });

beforeAll(async () => {
  store = await openStore(":memory:");
  server = await startHttpServer(adminApp(store, http, TOKEN), { port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await server.close();
  await http.close();
  await store.close();
});

/**
 * POSTs `total` bytes in 64 KiB chunks, chunked (no Content-Length) unless `declare` is set, and
 * stops writing once the server has answered. Resolves with the status and the bytes it managed to send.
 */
function upload(
  path: string,
  total: number,
  headers: Record<string, string>,
  declare = false,
): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    let answered = false;
    const req = request(`${server.url}${path}`, {
      method: "POST",
      headers: { origin: server.url, ...headers, ...(declare ? { "content-length": String(total) } : {}) },
    });
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.on("data", (data: Buffer) => (body += data.toString()));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body, sent });
        req.destroy();
      });
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

const form = { "content-type": "application/x-www-form-urlencoded" };
const json = { "content-type": "application/json", authorization: `Bearer ${TOKEN}` };
const MB = 1024 * 1024;

describe("request bodies are capped before they are read", () => {
  it("a 300 MB sign-in form, streamed, gets 413 without being buffered", async () => {
    const before = process.memoryUsage().rss;
    const answer = await upload("/admin/login", 300 * MB, form);
    expect(answer.status).toBe(413);
    expect(answer.body).toBe("request body over 64 KiB");
    // The server stopped reading long before the end: what was sent is what sockets buffer, not 300 MB.
    expect(answer.sent).toBeLessThan(100 * MB);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * MB);
  });

  it("a declared Content-Length over the cap is refused before any of the body is read", async () => {
    const answer = await upload("/admin/login", 300 * MB, form, true);
    expect(answer.status).toBe(413);
    expect(answer.sent).toBeLessThan(100 * MB);
  });

  it("the admin API's JSON is capped at 1 MiB, answered in JSON", async () => {
    const answer = await upload("/api/v1/admin/vendors", 2 * MB, json);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: "request body over 1024 KiB" });
  });

  it("bodies under the caps are read as before", async () => {
    const signIn = await fetch(`${server.url}/admin/login`, {
      method: "POST",
      headers: { ...form, origin: server.url },
      body: `token=${"x".repeat(FORM_LIMIT_BYTES - 100)}`,
      redirect: "manual",
    });
    expect(signIn.status).toBe(401); // read, and the token is wrong
    const add = await fetch(`${server.url}/api/v1/admin/vendors`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ url: "not a url", name: "x".repeat(JSON_LIMIT_BYTES - 1000) }),
    });
    expect(add.status).toBe(400); // read, and refused for what it says
  });
});
