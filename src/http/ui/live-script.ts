// /live.js: optional, one script for every live page, listening to /events/stream.
// The dashboard (table[data-live]): on each push it re-reads /api/v1/vendors and updates the rows in
// place (status, open incidents, last checked, stale), re-orders them like the server does. Vendor
// text is set as text, never HTML. Labels, icons and the order mirror format.ts and dashboard-filter.ts;
// times are worded by /local-time.js (layout.ts), in the zone the reader chose.
// Pages mark the parts they want refreshed (the dashboard's open and recent incidents, from /now; the
// vendor page's top): [data-live-src] is swapped for the server's fresh rendering from that URL (our
// own escaped HTML), only on pushes naming its [data-live-vendor] when it has one. Both announce changes politely to screen readers in #live-status.

/** formatDuration (src/lib/human-time.ts) for the browser; script-wording.test.ts holds the two to the same answers. */
export const DURATION_SCRIPT = `function duration(seconds) {
    var s = Math.max(0, Math.round(seconds));
    if (s < 60) return s + " s";
    var m = Math.floor(s / 60);
    if (m < 60) return m + " min " + (s % 60) + " s";
    var h = Math.floor(m / 60);
    if (h < 24) return h + " h " + (m % 60) + " min";
    return Math.floor(h / 24) + " d " + (h % 24) + " h " + (m % 60) + " min";
  }`;

export const LIVE_SCRIPT = `(function () {
  "use strict";
  var table = document.querySelector("table[data-live]");
  var parts = Array.prototype.slice.call(document.querySelectorAll("[data-live-src]"));
  if ((!table && !parts.length) || !window.EventSource || !window.fetch) return;
  var tbody = table && table.tBodies[0];
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
  ${DURATION_SCRIPT}
  function ago(iso) {
    return duration((Date.now() - Date.parse(iso)) / 1000) + " ago";
  }
  function checked(cell, v) {
    cell.textContent = "";
    if (!v.last_polled_at) cell.appendChild(el("span", "muted", "not yet"));
    else {
      // Worded by /local-time.js, in the zone the reader chose.
      var t = el("time", "", v.last_polled_at);
      t.setAttribute("datetime", v.last_polled_at);
      cell.appendChild(t);
      localize(cell);
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
  // One run at a time; calls meanwhile fold into one more run once it ends.
  function serial(run) {
    var busy = false, again = false;
    return function go() {
      if (busy) { again = true; return; }
      busy = true;
      run().catch(function () {}).then(function () {
        busy = false;
        if (again) { again = false; go(); }
      });
    };
  }
  function announce(news) {
    if (announcer && news.length) announcer.textContent = "Updated: " + news.join("; ");
  }
  var refreshTable = table && serial(function () {
    return fetch("/api/v1/vendors", { headers: { accept: "application/json" }, cache: "no-store" })
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
        announce(news);
      });
  });
  function localize(root) {
    if (window.pingoruTimes) window.pingoruTimes(root);
  }
  function summary(part) {
    var node = part.querySelector("[data-live-summary]");
    return node ? node.getAttribute("data-live-summary") : "";
  }
  function swapper(part) {
    var last = null;
    return serial(function () {
      return fetch(part.getAttribute("data-live-src"), { headers: { accept: "text/html" }, cache: "no-cache" })
        .then(function (res) { if (!res.ok) throw new Error("HTTP " + res.status); return res.text(); })
        .then(function (text) {
          if (text === last) return;
          last = text;
          var before = summary(part);
          // Keyboard focus on a link in the part comes back to the same link after the swap.
          var active = part.contains(document.activeElement) && document.activeElement.getAttribute("href");
          part.innerHTML = text;
          localize(part);
          if (active) {
            var again = part.querySelector('a[href="' + CSS.escape(active) + '"]');
            if (again) again.focus();
          }
          part.setAttribute("data-updated", new Date().toISOString());
          if (summary(part) !== before) announce([summary(part)]);
        });
    });
  }
  var swaps = parts.map(function (part) { return { vendor: part.getAttribute("data-live-vendor"), run: swapper(part) }; });
  function onChange(event) {
    var vendors = null;
    try { vendors = JSON.parse(event.data).vendors; } catch (e) { vendors = null; }
    if (refreshTable) refreshTable();
    swaps.forEach(function (s) {
      if (!s.vendor || !vendors || vendors.indexOf(s.vendor) >= 0) s.run();
    });
  }
  function catchUp() {
    if (refreshTable) refreshTable();
    swaps.forEach(function (s) { s.run(); });
  }
  var connected = false;
  var source = new EventSource("/events/stream");
  source.addEventListener("change", onChange);
  // After a reconnect, catch up on whatever changed while the stream was down.
  source.addEventListener("ready", function () { if (connected) catchUp(); connected = true; });
})();
`;
