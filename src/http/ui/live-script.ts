// /live.js: optional. On each push from /events/stream it re-reads /api/v1/vendors and updates the
// dashboard rows in place (status, open incidents, last checked, stale), re-orders them like the
// server does and announces changes politely to screen readers. Vendor text is set as text, never HTML.
// Labels, icons and the order mirror format.ts and dashboard-filter.ts.

export const LIVE_SCRIPT = `(function () {
  "use strict";
  var table = document.querySelector("table[data-live]");
  if (!table || !window.EventSource || !window.fetch) return;
  var tbody = table.tBodies[0];
  var LABELS = {
    operational: ["\\u2714", "Operational", 0],
    degraded_performance: ["\\u25b2", "Degraded performance", 3],
    partial_outage: ["\\u25c6", "Partial outage", 4],
    major_outage: ["\\u2716", "Major outage", 5],
    under_maintenance: ["\\u25cf", "Under maintenance", 2],
    unknown: ["?", "Unknown", 1]
  };
  var announcer = document.getElementById("live-status");
  // With a search or filter on, vendors missing from the table are filtered out, not new.
  var filtered = location.search.length > 1;
  var told = {};
  var busy = false, again = false;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function badge(status) {
    var label = LABELS[status] || LABELS.unknown;
    var span = el("span", "status status-" + (LABELS[status] ? status : "unknown"));
    var icon = el("span", "", label[0]);
    icon.setAttribute("aria-hidden", "true");
    span.appendChild(icon);
    span.appendChild(document.createTextNode(" " + label[1]));
    return span;
  }
  function ago(iso) {
    var s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    if (s < 60) return s + " s ago";
    var m = Math.floor(s / 60);
    if (m < 60) return m + " min ago";
    var h = Math.floor(m / 60);
    return h < 24 ? h + " h ago" : Math.floor(h / 24) + " d ago";
  }
  function checked(cell, v) {
    cell.textContent = "";
    if (!v.last_polled_at) cell.appendChild(el("span", "muted", "not yet"));
    else {
      var t = el("time", "", new Date(v.last_polled_at).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }));
      t.setAttribute("datetime", v.last_polled_at);
      t.title = v.last_polled_at.slice(0, 10) + " " + v.last_polled_at.slice(11, 16) + " UTC";
      cell.appendChild(t);
      cell.appendChild(document.createTextNode(" "));
      cell.appendChild(el("span", "muted", "(" + ago(v.last_polled_at) + ")"));
    }
    if (v.stale) {
      cell.appendChild(document.createTextNode(" "));
      var stale = el("span", "stale", "stale");
      stale.title = "the last poll failed";
      stale.appendChild(el("span", "visually-hidden", ": the last poll failed"));
      cell.appendChild(stale);
    }
  }
  function update(row, v, news) {
    var cells = {};
    row.querySelectorAll("[data-cell]").forEach(function (c) { cells[c.getAttribute("data-cell")] = c; });
    var before = row.getAttribute("data-status") + "|" + row.getAttribute("data-open");
    if (cells.status) { cells.status.textContent = ""; cells.status.appendChild(badge(v.status)); }
    if (cells.open) cells.open.textContent = String(v.open_incidents);
    if (cells.checked) checked(cells.checked, v);
    row.setAttribute("data-open", String(v.open_incidents));
    row.setAttribute("data-severity", String((LABELS[v.status] || LABELS.unknown)[2]));
    row.setAttribute("data-status", v.status);
    if (before !== v.status + "|" + v.open_incidents)
      news.push(v.name + ": " + (LABELS[v.status] || LABELS.unknown)[1] + ", " + v.open_incidents + " open");
  }
  function order() {
    var rows = Array.prototype.slice.call(tbody.rows);
    var key = function (r) { return [Number(r.getAttribute("data-open")) > 0 ? 1 : 0, Number(r.getAttribute("data-severity"))]; };
    rows.sort(function (a, b) {
      var ka = key(a), kb = key(b);
      return kb[0] - ka[0] || kb[1] - ka[1] ||
        a.getAttribute("data-name").localeCompare(b.getAttribute("data-name"), "en", { sensitivity: "base" });
    });
    rows.forEach(function (r) { tbody.appendChild(r); });
  }
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch("/api/v1/vendors", { headers: { accept: "application/json" }, cache: "no-store" })
      .then(function (res) { return res.json(); })
      .then(function (vendors) {
        var news = [];
        var listed = {};
        vendors.forEach(function (v) {
          listed[v.slug] = true;
          var row = tbody.querySelector('tr[data-slug="' + CSS.escape(v.slug) + '"]');
          if (row) update(row, v, news);
          else if (!filtered && !told[v.slug]) {
            told[v.slug] = true;
            news.push(v.name + " is now watched; reload to see it");
          }
        });
        Array.prototype.slice.call(tbody.rows).forEach(function (row) {
          if (listed[row.getAttribute("data-slug")]) return;
          news.push(row.getAttribute("data-name") + " is no longer watched");
          row.remove();
        });
        order();
        table.setAttribute("data-updated", new Date().toISOString());
        if (announcer && news.length) announcer.textContent = "Updated: " + news.join("; ");
      })
      .catch(function () {})
      .then(function () {
        busy = false;
        if (again) { again = false; refresh(); }
      });
  }
  var connected = false;
  var source = new EventSource("/events/stream");
  source.addEventListener("change", refresh);
  // After a reconnect, catch up on whatever changed while the stream was down.
  source.addEventListener("ready", function () { if (connected) refresh(); connected = true; });
})();
`;
