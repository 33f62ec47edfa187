// /api: the JSON API's endpoints in a page people can read, from the same OpenAPI document as
// /api/v1/openapi.json (which it links), so the two never disagree.
import { html } from "hono/html";
import { openApiDocument, type OpenApiExtension } from "../openapi.ts";
import { layout } from "./layout.ts";

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

export function apiPage(extension?: OpenApiExtension) {
  const doc = openApiDocument("/api/v1", extension);
  const rows = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => method in item).map((method) => {
      const operation = (item as Record<string, { summary?: string; security?: unknown }>)[method]!;
      const link =
        method === "get" && !path.includes("{")
          ? html`<a href="/api/v1${path}">/api/v1${path}</a>`
          : html`/api/v1${path}`;
      return html`<tr>
        <td><code>${method.toUpperCase()}</code></td>
        <td><code>${link}</code></td>
        <td>${operation.summary ?? ""}${operation.security ? " (admin token)" : ""}</td>
      </tr>`;
    }),
  );
  const body = html`<h1>JSON API</h1>
    <p>
      ${doc.info.description} The whole description, for tools:
      <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).
    </p>
    <table>
      <thead>
        <tr>
          <th scope="col">method</th>
          <th scope="col">path</th>
          <th scope="col">what it gives</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>`;
  return layout({ title: "JSON API", body });
}
