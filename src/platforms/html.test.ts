import { afterAll, describe, expect, it } from "vitest";
import type { ComponentStatus } from "../domain/model.ts";
import { localFixture } from "../../test/helpers/fixture-http.ts";
import { startLoopbackFixtures } from "../../test/helpers/loopback-fixtures.ts";
import { getPlatform } from "./registry.ts";
import { html } from "./html.ts";
import type { HtmlOptions } from "./html-options.ts";

const URL = "https://status.example-cloud.test/";
const PAGE = localFixture("html/status-page.handmade.html");
const REDESIGNED = localFixture("html/status-page-redesigned.handmade.html");

/** The handmade page read by its class attributes ("component__status status-major-outage"). */
const BY_CLASS = JSON.parse(localFixture("html/status-page.selectors.json")) as HtmlOptions;
/** The same page read by its visible words. */
const BY_TEXT = {
  component: ".component",
  name: ".component__name",
  status: ".component__status",
  statuses: {
    Operational: "operational",
    "degraded performance": "degraded_performance",
    "Partial Outage": "partial_outage",
    "major outage": "major_outage",
    "under maintenance": "under_maintenance",
  },
};

describe("html platform over loopback", () => {
  const net = startLoopbackFixtures();
  afterAll(() => net.close());

  const read = async (body: string, options: unknown) => {
    net.serve({ [URL]: body });
    const result = await html.read(
      { url: URL, options: options as Record<string, unknown> },
      { http: net.http },
    );
    if (result.unchanged) throw new Error("expected a snapshot");
    return result.snapshot;
  };
  const summary = async (body: string, options: unknown) =>
    (await read(body, options)).components.map((c) => [c.position, c.name, c.status, c.rawStatus]);

  it("reads components by class attribute, skipping the empty template row", async () => {
    const snapshot = await read(PAGE, BY_CLASS);
    expect(snapshot.pageName).toBe("Acme Cloud Status");
    expect(snapshot.incidents).toEqual([]);
    expect(snapshot).not.toHaveProperty("listsAllOpen");
    expect(snapshot.components.map((c) => [c.position, c.name, c.status, c.group])).toEqual([
      [0, "API", "operational", null],
      [1, "Dashboard", "degraded_performance", null],
      [2, "Webhook delivery", "partial_outage", null],
      [3, "Managed Database", "major_outage", null],
      [4, "Object Storage", "under_maintenance", null],
      [5, "API", "operational", null],
    ]);
  });

  it("reads components by text; a dot with no text is unknown with its raw text kept", async () => {
    expect(await summary(PAGE, BY_TEXT)).toEqual([
      [0, "API", "operational", "Operational"],
      [1, "Dashboard", "degraded_performance", "Degraded Performance"],
      [2, "Webhook delivery", "partial_outage", "Partial outage in EU"],
      [3, "Managed Database", "unknown", ""],
      [4, "Object Storage", "under_maintenance", "Under maintenance"],
      [5, "API", "operational", "OPERATIONAL"],
    ]);
  });

  it("gives a repeated name distinct ids, and ids that do not move when another component goes", async () => {
    const ids = (await read(PAGE, BY_CLASS)).components.map((c) => [c.name, c.id] as const);
    expect(ids[0]![1]).not.toBe(ids[5]![1]);
    const withoutDashboard = PAGE.replace(/<li class="component" data-slug="dashboard">[\s\S]*?<\/li>/, "");
    const after = (await read(withoutDashboard, BY_CLASS)).components.map((c) => [c.name, c.id] as const);
    expect(after).toEqual(ids.filter(([name]) => name !== "Dashboard"));
  });

  it("uses the component element's own text and status when name and status are not given", async () => {
    const page = "<ul><li class='svc' data-s='ok'> Mail </li><li class='svc' data-s='down'>Chat</li></ul>";
    const options = {
      component: ".svc",
      status_attribute: "data-s",
      statuses: { ok: "operational", down: "major_outage" },
    };
    expect(await summary(page, options)).toEqual([
      [0, "Mail", "operational", "ok"],
      [1, "Chat", "major_outage", "down"],
    ]);
  });

  const WORDS: Record<string, ComponentStatus> = {
    operational: "operational",
    "not operational": "major_outage",
    "degraded performance": "degraded_performance",
    outage: "partial_outage",
    "major outage": "major_outage",
    maintenance: "under_maintenance",
    "●": "degraded_performance",
  };
  it.each([
    ["exact", "text", "Operational", "operational"],
    ["case and spacing", "text", "  OPERATIONAL \n ", "operational"],
    ["spacing inside", "text", "Degraded\n   performance", "degraded_performance"],
    ["a symbol word, exactly", "text", "●", "degraded_performance"],
    ["a word among others", "text", "Scheduled maintenance window", "under_maintenance"],
    ["inside a class attribute", "class", "dot status-outage", "partial_outage"],
    ["longest wins in a class", "class", "dot status-major-outage", "major_outage"],
    ["longest wins in text", "text", "Currently not operational", "major_outage"],
    ["part of a longer word is no match", "text", "Outages ahead", "unknown"],
    ["a negated word is no match", "text", "Non-operational", "unknown"],
    ["nor is one after no", "class", "dot no-maintenance", "unknown"],
    ["a negation elsewhere does not count", "text", "No notices; operational", "operational"],
    ["unknown keeps its raw text", "text", "Wobbly", "unknown"],
  ] as const)("word matching: %s (%s %j → %s)", async (_case, where, raw, status) => {
    const page =
      where === "class"
        ? `<html><body><p class="c"><b>X</b><i class="${raw}"></i></p></body></html>`
        : `<html><body><p class="c"><b>X</b><i>${raw}</i></p></body></html>`;
    const options = {
      component: ".c",
      name: "b",
      status: "i",
      ...(where === "class" ? { status_attribute: "class" } : {}),
      statuses: WORDS,
    };
    const [component] = (await read(page, options)).components;
    expect(component).toMatchObject({ name: "X", status });
    expect(component!.rawStatus).toBe(raw.replace(/\s+/g, " ").trim());
  });

  it.each([
    ["missing options", undefined, /needs options/],
    ["an unknown key", { ...BY_CLASS, colour: "red" }, /colour/],
    ["no component selector", { statuses: BY_CLASS.statuses }, /: component: /],
    ["a status that is not Pingoru's", { ...BY_CLASS, statuses: { up: "green" } }, /statuses\.up/],
    ["no words", { ...BY_CLASS, statuses: {} }, /statuses/],
    [
      "an invalid component selector",
      { ...BY_CLASS, component: "li[" },
      /component: invalid CSS selector "li\["/,
    ],
    ["an invalid name selector", { ...BY_CLASS, name: ":nope(" }, /name: invalid CSS selector ":nope\("/],
  ])("%s → PingoruError input naming it, before any request", async (_case, options, message) => {
    const error = await read(PAGE, options).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "PingoruError", kind: "input" });
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toMatch(/\n/);
    expect(net.requested()).toEqual([]);
  });

  it.each([
    [
      "the redesigned page: the selector matches nothing",
      REDESIGNED,
      BY_CLASS,
      /selector "li\.component" matched nothing/,
    ],
    ["no component has a name", PAGE, { ...BY_CLASS, name: ".title" }, /name selector "\.title"/],
    ["an empty body", "  \n", BY_CLASS, /empty body/],
    ["JSON", '{"components": []}', BY_CLASS, /got JSON/],
    ["plain text", "Service Unavailable", BY_CLASS, /got text/],
  ])("%s → PingoruError shape", async (_case, body, options, message) => {
    const error = await read(body, options).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "PingoruError", kind: "shape" });
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toMatch(/\n/);
  });

  it("is registered under its kind", () => {
    expect(getPlatform("html")).toBe(html);
  });
});
