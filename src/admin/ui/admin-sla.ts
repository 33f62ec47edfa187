// Admin: a vendor's SLA targets (/admin/vendors/:slug/sla): the list with "remove", and a form to set one.

import { html } from "hono/html";
import type { ComponentSnapshot } from "../../domain/model.ts";
import { formatCredits, type SlaTarget } from "../../domain/sla.ts";
import type { Vendor } from "../../domain/vendor.ts";
import { adminLayout, notices } from "./admin-page.ts";
import { csrfField } from "./admin-view.ts";

/** The form's fields as typed (shown again with an error), all text. */
export interface SlaFormValues {
  component: string;
  target: string;
  credits: string;
  claimDays: string;
}

export const EMPTY_SLA_FORM: SlaFormValues = { component: "", target: "", credits: "", claimDays: "" };

export interface SlaPageView {
  vendor: Vendor;
  components: ComponentSnapshot[];
  targets: SlaTarget[];
  csrf: string;
  notice: string | null;
  error: string | null;
  typed: SlaFormValues;
}

export function slaPage(view: SlaPageView) {
  const { vendor, csrf } = view;
  const body = html`<h1>SLA targets of ${vendor.name}</h1>
    ${notices(view)}
    <p>
      A target is judged per calendar month (UTC) on the <a href="/sla">SLA page</a>, for one component or the
      whole vendor (down whenever any of its components is). Targets in the vendor's <code>sla:</code> in the
      config file are written back on every start and SIGHUP; a vendor without <code>sla:</code> there keeps
      what is set here.
    </p>
    ${
      view.targets.length === 0
        ? html`<p class="muted">No SLA targets yet.</p>`
        : targetTable(vendor, view.targets, csrf)
    }
    ${slaForm(view)}
    <p><a href="/admin">Back</a></p>`;
  return adminLayout(`SLA targets of ${vendor.name}`, csrf, body);
}

function targetTable(vendor: Vendor, targets: SlaTarget[], csrf: string) {
  const action = `/admin/vendors/${encodeURIComponent(vendor.slug)}/sla/remove`;
  return html`<table class="vendors">
    <thead>
      <tr>
        <th scope="col">Covers</th>
        <th scope="col">Target</th>
        <th scope="col">Credits</th>
        <th scope="col">Claim window</th>
        <th scope="col">Actions</th>
      </tr>
    </thead>
    <tbody>
      ${targets.map((t) => {
        const covers = t.component ?? "the whole vendor";
        return html`<tr>
          <th scope="row">${covers}</th>
          <td data-label="Target">${t.targetPercent} %</td>
          <td data-label="Credits">${formatCredits(t.credits) || html`<span class="muted">none</span>`}</td>
          <td data-label="Claim window">
            ${t.claimDays === null ? html`<span class="muted">none</span>` : `${t.claimDays} days`}
          </td>
          <td data-label="Actions" class="actions">
            <form method="post" action="${action}" class="inline-form">
              ${csrfField(csrf)}
              <input type="hidden" name="component" value="${t.component ?? ""}" />
              <button type="submit" class="danger">
                Remove<span class="visually-hidden"> the SLA target of ${covers}</span>
              </button>
            </form>
          </td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

function slaForm({ vendor, components, csrf, typed }: SlaPageView) {
  return html`<form
    method="post"
    action="/admin/vendors/${encodeURIComponent(vendor.slug)}/sla"
    class="admin-form"
  >
    <h2>Set a target</h2>
    ${csrfField(csrf)}
    <p class="muted">Setting a target for what already has one replaces it.</p>
    <label for="sla-component">Covers</label>
    <select id="sla-component" name="component">
      <option value="">the whole vendor</option>
      ${components.map(
        (c) =>
          html`<option value="${c.name}" ${c.name === typed.component ? "selected" : ""}>
            ${c.group === null ? c.name : `${c.group} / ${c.name}`}
          </option>`,
      )}
    </select>
    <label for="sla-target">Monthly uptime target <span class="muted">(%, e.g. 99.9)</span></label>
    <input id="sla-target" name="target" inputmode="decimal" required value="${typed.target}" />
    <label for="sla-credits">Credits <span class="muted">(optional)</span></label>
    <input
      id="sla-credits"
      name="credits"
      placeholder="99.0:10,95.0:25"
      value="${typed.credits}"
      aria-describedby="sla-credits-hint"
    />
    <p id="sla-credits-hint" class="muted">
      Uptime below which, then the credit in %: <code>99.0:10,95.0:25</code> is 10 % below 99.0 %, 25 % below
      95.0 %.
    </p>
    <label for="sla-claim-days"
      >Claim window <span class="muted">(days after the month's end; optional)</span></label
    >
    <input id="sla-claim-days" name="claim_days" inputmode="numeric" value="${typed.claimDays}" />
    <button type="submit">Save target</button>
  </form>`;
}
