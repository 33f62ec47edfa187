import { describe, expect, it } from "vitest";
import {
  componentNotification,
  incidentNotification,
  resolvedIncident,
  sampleIncident,
  slaNotification,
  sourceNotification,
} from "../../test/helpers/notification-samples.ts";
import { toPlainText } from "../lib/plain-text.ts";
import { escapeMarkdown, renderHtml, renderMarkdown, renderText } from "./render-formats.ts";
import { renderNotification } from "./render.ts";

describe("renderNotification", () => {
  it("renders an SLA breach from its event: the month's figures, linked to the SLA page", () => {
    const r = renderNotification(slaNotification("sla.breached"));
    expect([r.subject, r.headline, r.severity, r.resolved, r.incidentId]).toEqual([
      "sla",
      "SLA breached",
      "major",
      false,
      null,
    ]);
    expect(r.title).toBe("GitHub Actions: 99.9% SLA breached for 2024-04");
    expect(r.message).toBe(
      "GitHub Actions has been down 59 min 53 s in 2024-04, more than the 43 min 12 s its 99.9% target allows (passed 20 Apr 2024, 10:43 UTC).",
    );
    expect(r.facts).toEqual([
      { label: "Component", value: "Actions" },
      { label: "Month", value: "2024-04" },
      { label: "Target", value: "99.9%" },
      { label: "Uptime", value: "99.861%" },
      { label: "Downtime", value: "59 min 53 s (43 min 12 s allowed)" },
      { label: "Incidents", value: "2" },
    ]);
    expect(r.link).toBe("https://pingoru.example/sla?month=2024-04");
    expect(renderText(r)).toContain("Link: https://pingoru.example/sla?month=2024-04");
  });

  it("renders a claim reminder: the credit, the deadline and the days left; a vendor-wide target names the vendor", () => {
    const r = renderNotification(slaNotification("sla.claim_due", null));
    expect(r.title).toBe("GitHub: claim the 10% SLA credit for 2024-04 by 2024-05-30");
    expect(r.message).toBe(
      "GitHub missed its 99.9% target in 2024-04: a 10% credit is due. Claim it by 2024-05-30 (7 days left).",
    );
    expect(r.facts.map((f) => f.label)).toEqual([
      "Month",
      "Target",
      "Uptime",
      "Downtime",
      "Credit",
      "Claim by",
      "Incidents",
    ]);
  });

  it("renders an open incident: title, latest message as text, facts, link", () => {
    const r = renderNotification(incidentNotification(["incident.updated"]));
    expect(r.title).toBe("GitHub: Incident with Actions — investigating");
    expect(r.headline).toBe("Incident updated");
    expect(r.message).toBe(
      "Actions runs are delayed <> we're on it.\n\nSee details (https://example.com/x).",
    );
    expect(r.severity).toBe("major");
    expect(r.resolved).toBe(false);
    expect(r.durationSeconds).toBeNull();
    expect(r.components).toEqual([
      { name: "Actions", status: "partial_outage" },
      { name: "API Requests", status: "degraded_performance" },
    ]);
    expect(r.facts).toEqual([
      { label: "Status", value: "investigating" },
      { label: "Impact", value: "major" },
      { label: "Components", value: "Actions (partial outage), API Requests (degraded performance)" },
      { label: "Started", value: "1 May 2024, 12:00 UTC" },
    ]);
    expect(r.link).toBe("https://pingoru.example/incidents/inc0123456789abcdef0");
  });

  it("names the affected components, not those only listed as operational; none affected: those named", () => {
    const listed = [{ id: "c3", name: "Pages" }];
    const r = renderNotification(
      incidentNotification(["incident.updated"], sampleIncident({ listedOperational: listed })),
    );
    expect(r.components.map((c) => c.name)).toEqual(["Actions", "API Requests"]);
    const ahead = sampleIncident({
      kind: "maintenance",
      status: "scheduled",
      affectedComponents: [],
      listedOperational: listed,
    });
    const scheduled = renderNotification(incidentNotification(["maintenance.scheduled"], ahead));
    expect(scheduled.components).toEqual([{ name: "Pages", status: "operational" }]);
  });

  it("gives the duration once resolved", () => {
    const r = renderNotification(incidentNotification(["incident.resolved"], resolvedIncident()));
    expect(r.title).toBe("GitHub: Incident with Actions — resolved");
    expect(r.resolved).toBe(true);
    expect(r.durationSeconds).toBe(3900);
    expect(r.facts).toContainEqual({ label: "Duration", value: "1 h 5 min" });
    expect(r.message).toBe("This incident has been resolved.");
  });

  it("resolves an incident closed without a resolved time, with no duration", () => {
    const undated = sampleIncident({ status: "resolved", resolvedAt: null });
    const r = renderNotification(incidentNotification(["incident.resolved"], undated));
    expect(r.resolved).toBe(true);
    expect(r.durationSeconds).toBeNull();
    expect(r.facts.map((f) => f.label)).not.toContain("Duration");
  });

  it("renders a postmortem: its own headline, the write-up as the message, the first resolution's duration", () => {
    const resolved = resolvedIncident();
    const postmortem = {
      id: "u4",
      status: "postmortem" as const,
      at: "2024-05-03T09:00:00.000Z",
      message: '<p>Our <a href="https://example.com/pm">postmortem</a> is published.</p>',
      components: [],
    };
    const incident = {
      ...resolved,
      status: "postmortem" as const,
      postmortemPublishedAt: postmortem.at,
      postmortemUrl: "https://example.com/pm",
      updates: [...resolved.updates, postmortem],
    };
    const r = renderNotification(incidentNotification(["incident.postmortem"], incident));
    expect(r.headline).toBe("Postmortem published");
    expect(r.title).toBe("GitHub: Incident with Actions — postmortem");
    expect(r.message).toBe("Our postmortem (https://example.com/pm) is published.");
    expect(r.resolved).toBe(true);
    expect(r.durationSeconds).toBe(3900);
  });

  it("falls back to the vendor's incident URL when Pingoru has no public link", () => {
    const r = renderNotification({ ...incidentNotification(), link: null });
    expect(r.link).toBe("https://www.githubstatus.com/incidents/xyz123");
  });

  it("renders a maintenance with maintenance severity", () => {
    const incident = sampleIncident({ kind: "maintenance", status: "scheduled", impact: "maintenance" });
    const r = renderNotification(incidentNotification(["maintenance.scheduled"], incident));
    expect(r).toMatchObject({
      subject: "maintenance",
      severity: "maintenance",
      headline: "Maintenance scheduled",
    });
    expect(r.title).toBe("GitHub: Incident with Actions — scheduled");
  });

  it("renders a reminder: when the maintenance starts and ends", () => {
    const incident = sampleIncident({ kind: "maintenance", status: "scheduled", impact: "maintenance" });
    const notification = incidentNotification(["maintenance.reminder"], incident);
    const data = {
      scheduled_for: "2024-05-01T14:00:00.000Z",
      scheduled_until: "2024-05-01T15:30:00.000Z",
      remind_before_minutes: 60,
      minutes_left: 60,
    };
    const r = renderNotification({ ...notification, events: [{ ...notification.events[0]!, data }] });
    expect(r).toMatchObject({ subject: "maintenance", headline: "Maintenance starts soon" });
    expect(r.message).toBe("Starts 1 May 2024, 14:00 UTC (in 60 minutes), until 1 May 2024, 15:30 UTC.");
  });

  it.each([
    ["operational", "major_outage", "critical", false, "GitHub: Actions — major outage"],
    ["degraded_performance", "operational", "none", true, "GitHub: Actions — operational"],
  ] as const)("renders a component change %s → %s", (from, to, severity, resolved, title) => {
    const r = renderNotification(componentNotification(from, to));
    expect(r).toMatchObject({ subject: "component", severity, resolved, title, incidentId: null });
    expect(r.link).toBe("https://www.githubstatus.com");
  });

  it("renders an incident event from its own data when the incident is not at hand", () => {
    const r = renderNotification({ ...incidentNotification(["incident.opened"]), incident: null });
    expect(r).toMatchObject({ subject: "incident", incidentId: "inc0123456789abcdef0", severity: "major" });
    expect(r.title).toBe("GitHub: Incident with Actions — investigating");
  });

  it("renders source events", () => {
    const down = renderNotification(sourceNotification("source.degraded"));
    expect(down.title).toBe("GitHub: status page cannot be read");
    expect(down.message).toContain("HTTP 503");
    expect(renderNotification(sourceNotification("source.recovered")).resolved).toBe(true);
  });
});

describe("toPlainText", () => {
  it.each([
    ["plain text stays", "All good now.", "All good now."],
    ["tags dropped, script with its content", "<p>Hi <b>there</b></p><script>x()</script>", "Hi there"],
    ["entities decoded once", "a &amp;lt; b &mdash; c", "a &lt; b — c"],
    ["escaped HTML is unescaped then stripped", "&lt;p&gt;Fixed&lt;/p&gt;", "Fixed"],
    ["breaks and paragraphs", "one<br>two<p>three</p><p>four</p>", "one\ntwo\n\nthree\n\nfour"],
    ["lists", "<ul><li>a</li><li>b</li></ul>", "- a\n- b"],
    ["link keeps its URL", '<a href="https://x.test/a">read</a>', "read (https://x.test/a)"],
    ["javascript link drops the URL", '<a href="javascript:alert(1)">read</a>', "read"],
  ])("%s", (_name, input, expected) => {
    expect(toPlainText(input)).toBe(expected);
  });
});

describe("formats", () => {
  const r = renderNotification(incidentNotification(["incident.opened"]));

  it("text has the title, message, facts and link", () => {
    const text = renderText(r);
    expect(text.startsWith("GitHub: Incident with Actions — investigating\n\nActions runs are delayed")).toBe(
      true,
    );
    expect(text).toContain("Components: Actions (partial outage), API Requests (degraded performance)\n");
    expect(text).toContain("Link: https://pingoru.example/incidents/inc0123456789abcdef0");
    expect(text).not.toContain("<p>");
  });

  it("HTML escapes vendor text and has no script", () => {
    const html = renderHtml(r);
    expect(html).toContain("<h2>GitHub: Incident with Actions — investigating</h2>");
    expect(html).toContain("Actions runs are delayed &lt;&gt; we&#39;re on it.");
    expect(html).toContain('<a href="https://pingoru.example/incidents/inc0123456789abcdef0">');
    expect(html).not.toMatch(/<script/i);
  });

  it("Markdown escapes formatting characters in vendor text", () => {
    expect(renderMarkdown(r)).toContain("Actions runs are delayed \\<\\> we're on it.");
    expect(escapeMarkdown("*bold* [x](y) # h")).toBe("\\*bold\\* \\[x\\](y) # h");
  });

  it.each([
    ["a heading", "# Pwned", "\\# Pwned"],
    ["an indented heading", "  ## Pwned", "  \\## Pwned"],
    ["Discord's subtext", "-# small", "\\-# small"],
    ["a bullet", "+ item", "\\+ item"],
    ["a numbered item", "1. first", "1\\. first"],
    ["a quote", "> quoted", "\\> quoted"],
    ["a setext underline", "title\n===", "title\n\\==="],
    ["line-start marks mid-line, left alone", "a - b # c 2. d", "a - b # c 2. d"],
  ])("Markdown escapes %s at a line's start", (_name, text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });
});
