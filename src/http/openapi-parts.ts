// Small builders for the hand-written OpenAPI document (openapi.ts, openapi-admin.ts).

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const json = (schema: object, description = "OK") => ({
  description,
  content: { "application/json": { schema } },
});
export const error = (description: string) => json(ref("Error"), description);
export const query = (name: string, description: string, schema: object = { type: "string" }) => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
});
export const path = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });
export const limit = query("limit", "Page size: default 50, clamped to 1..500 (never an error).", {
  type: "integer",
});
export const body = (name: string) => ({
  required: true,
  content: { "application/json": { schema: ref(name) } },
});
