import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { createMetricsRegistry, escapeLabelValue, renderExposition } from "./metrics.ts";

interface ParsedFamily {
  name: string;
  help: string;
  type: string;
  metrics: {
    labels?: Record<string, string>;
    value?: string;
    buckets?: Record<string, string>;
    count?: string;
    sum?: string;
  }[];
}
// A real parser of the text format (CommonJS, untyped).
const parsePrometheus = createRequire(import.meta.url)("parse-prometheus-text-format") as (
  text: string,
) => ParsedFamily[];

describe("metrics registry", () => {
  it("counts per label set and gives the same counter for the same name", () => {
    const registry = createMetricsRegistry();
    const polls = registry.counter("pingoru_polls_total", "Polls.");
    polls.inc({ vendor: "a", outcome: "ok" });
    registry.counter("pingoru_polls_total", "Polls.").inc({ outcome: "ok", vendor: "a" }, 2);
    polls.inc({ vendor: "b", outcome: "failed" });
    const [family] = parsePrometheus(renderExposition(registry.collect()));
    expect(family).toEqual({
      name: "pingoru_polls_total",
      help: "Polls.",
      type: "COUNTER",
      metrics: [
        { labels: { vendor: "a", outcome: "ok" }, value: "3" },
        { labels: { vendor: "b", outcome: "failed" }, value: "1" },
      ],
    });
  });

  it("renders cumulative histogram buckets with +Inf, sum and count", () => {
    const registry = createMetricsRegistry();
    const h = registry.histogram("pingoru_poll_duration_seconds", "Duration.", [1, 0.1, 0.5]);
    for (const v of [0.05, 0.3, 0.3, 2]) h.observe({ vendor: "a" }, v);
    const text = renderExposition(registry.collect());
    // The parser accepts it (its histogram flattening ignores labels, so values are checked as text).
    expect(parsePrometheus(text)[0]?.type).toBe("HISTOGRAM");
    expect(text.split("\n").slice(2)).toEqual([
      'pingoru_poll_duration_seconds_bucket{vendor="a",le="0.1"} 1',
      'pingoru_poll_duration_seconds_bucket{vendor="a",le="0.5"} 3',
      'pingoru_poll_duration_seconds_bucket{vendor="a",le="1"} 3',
      'pingoru_poll_duration_seconds_bucket{vendor="a",le="+Inf"} 4',
      `pingoru_poll_duration_seconds_sum{vendor="a"} ${0.05 + 0.3 + 0.3 + 2}`,
      'pingoru_poll_duration_seconds_count{vendor="a"} 4',
      "",
    ]);
  });

  it.each([
    ["back\\slash", "back\\\\slash"],
    ['say "hi"', 'say \\"hi\\"'],
    ["two\nlines", "two\\nlines"],
    ["plain é ✓", "plain é ✓"],
  ])("escapes the label value %j", (value, escaped) => {
    expect(escapeLabelValue(value)).toBe(escaped);
    const text = renderExposition([
      { name: "m", help: "h", type: "gauge", samples: [{ labels: { l: value }, value: 1 }] },
    ]);
    expect(parsePrometheus(text)[0]?.metrics[0]?.labels).toEqual({ l: value });
  });

  it("escapes HELP text and renders special values", () => {
    const text = renderExposition([
      {
        name: "m",
        help: "a\\b\nc",
        type: "gauge",
        samples: [
          { labels: {}, value: Infinity },
          { labels: { x: "1" }, value: NaN },
        ],
      },
    ]);
    expect(text).toBe('# HELP m a\\\\b\\nc\n# TYPE m gauge\nm +Inf\nm{x="1"} NaN\n');
  });
});
