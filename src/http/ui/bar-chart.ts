// A bar chart as inline SVG, no script: one bar a month, its value written above it. Colours come from
// the stylesheet (currentColor and its variables), so it follows light and dark. For assistive
// technology it is one image (role="img") whose title names it and whose description reads every value;
// the pages also give the numbers as a table.

import { html } from "hono/html";

export interface Bar {
  /** Under the bar ("Mar"). */
  label: string;
  /** Read out in the description ("March 2024"). */
  name: string;
  value: number;
  /** The value as written ("3", "2 h 5 min"). */
  text: string;
}

const BAR = 28;
const GAP = 8;
const HEIGHT = 110;
const TOP = 16;
const BOTTOM = 18;

export function barChart(id: string, title: string, bars: readonly Bar[]) {
  const most = Math.max(0, ...bars.map((b) => b.value));
  const width = bars.length * (BAR + GAP) + GAP;
  const plot = HEIGHT - TOP - BOTTOM;
  const desc = bars.map((b) => `${b.name}: ${b.text}`).join("; ");
  return html`<figure class="chart">
    <svg
      role="img"
      aria-labelledby="${id}-title ${id}-desc"
      viewBox="0 0 ${width} ${HEIGHT}"
      width="${width}"
      height="${HEIGHT}"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id="${id}-title">${title}</title>
      <desc id="${id}-desc">${desc}</desc>
      <line class="axis" x1="0" x2="${width}" y1="${HEIGHT - BOTTOM}" y2="${HEIGHT - BOTTOM}" />
      ${bars.map((b, k) => {
        const h = most === 0 ? 0 : Math.max(b.value > 0 ? 1 : 0, Math.round((plot * b.value) / most));
        const x = GAP + k * (BAR + GAP);
        const middle = x + BAR / 2;
        return html`<rect class="bar" x="${x}" y="${HEIGHT - BOTTOM - h}" width="${BAR}" height="${h}" />
          <text class="value" x="${middle}" y="${HEIGHT - BOTTOM - h - 3}" text-anchor="middle">
            ${short(b.text)}
          </text>
          <text x="${middle}" y="${HEIGHT - 4}" text-anchor="middle">${b.label}</text>`;
      })}
    </svg>
    <figcaption class="muted">${title}</figcaption>
  </figure>`;
}

/** A duration's first unit ("2 h 5 min" → "2 h"): the bars are narrow. */
function short(text: string): string {
  const [number, unit] = text.split(" ");
  return unit === undefined ? text : `${number} ${unit}`;
}
