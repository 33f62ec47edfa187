// A tiny in-process metrics registry (counters and histograms) and the Prometheus text exposition
// format 0.0.4. Created once in main.ts and passed where it is used: no module-level state.

export type Labels = Readonly<Record<string, string>>;

export interface Sample {
  /** Full sample name when it differs from the family's (histogram _bucket, _sum, _count). */
  name?: string;
  labels: Labels;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: "counter" | "gauge" | "histogram";
  /** Iterated once, when the family is rendered: a generator keeps a large family out of memory. */
  samples: Iterable<Sample>;
}

export interface Counter {
  inc(labels: Labels, by?: number): void;
}

export interface Histogram {
  observe(labels: Labels, value: number): void;
}

export interface MetricsRegistry {
  /** The same name twice gives the same counter. */
  counter(name: string, help: string): Counter;
  histogram(name: string, help: string, buckets: readonly number[]): Histogram;
  /** Every family registered so far, with its current samples. */
  collect(): MetricFamily[];
}

interface HistogramState {
  labels: Labels;
  counts: number[];
  sum: number;
  count: number;
}

export function createMetricsRegistry(): MetricsRegistry {
  const families = new Map<string, () => MetricFamily>();
  const counters = new Map<string, Counter>();
  const histograms = new Map<string, Histogram>();
  return {
    counter(name, help) {
      const existing = counters.get(name);
      if (existing) return existing;
      const values = new Map<string, { labels: Labels; value: number }>();
      const counter: Counter = {
        inc(labels, by = 1) {
          const key = labelKey(labels);
          const entry = values.get(key) ?? { labels: { ...labels }, value: 0 };
          entry.value += by;
          values.set(key, entry);
        },
      };
      counters.set(name, counter);
      families.set(name, () => ({ name, help, type: "counter", samples: values.values() }));
      return counter;
    },
    histogram(name, help, buckets) {
      const existing = histograms.get(name);
      if (existing) return existing;
      const bounds = [...buckets].sort((a, b) => a - b);
      const states = new Map<string, HistogramState>();
      const histogram: Histogram = {
        observe(labels, value) {
          const key = labelKey(labels);
          const state = states.get(key) ?? {
            labels: { ...labels },
            counts: bounds.map(() => 0),
            sum: 0,
            count: 0,
          };
          bounds.forEach((bound, i) => {
            if (value <= bound) state.counts[i] = (state.counts[i] ?? 0) + 1;
          });
          state.sum += value;
          state.count += 1;
          states.set(key, state);
        },
      };
      histograms.set(name, histogram);
      families.set(name, () => ({
        name,
        help,
        type: "histogram",
        samples: (function* () {
          for (const state of states.values()) yield* histogramSamples(name, bounds, state);
        })(),
      }));
      return histogram;
    },
    collect: () => [...families.values()].map((family) => family()),
  };
}

// Buckets are cumulative (each count already includes every smaller bound), ending with +Inf.
function histogramSamples(name: string, bounds: readonly number[], state: HistogramState): Sample[] {
  return [
    ...bounds.map((bound, i) => ({
      name: `${name}_bucket`,
      labels: { ...state.labels, le: formatValue(bound) },
      value: state.counts[i] ?? 0,
    })),
    { name: `${name}_bucket`, labels: { ...state.labels, le: "+Inf" }, value: state.count },
    { name: `${name}_sum`, labels: state.labels, value: state.sum },
    { name: `${name}_count`, labels: state.labels, value: state.count },
  ];
}

function labelKey(labels: Labels): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Text exposition format 0.0.4: HELP and TYPE once per family, then its samples; yielded in pieces of
 * about 64 kB, so that a scrape of a large fleet is sent as it is made, never held whole in memory.
 */
export function* exposition(families: Iterable<MetricFamily>): Generator<string> {
  let piece = "";
  for (const family of families) {
    piece += `# HELP ${family.name} ${escapeHelp(family.help)}\n# TYPE ${family.name} ${family.type}\n`;
    for (const sample of family.samples) {
      piece += `${sample.name ?? family.name}${renderLabels(sample.labels)} ${formatValue(sample.value)}\n`;
      if (piece.length >= 65_536) {
        yield piece;
        piece = "";
      }
    }
  }
  if (piece !== "") yield piece;
}

export function renderExposition(families: Iterable<MetricFamily>): string {
  return [...exposition(families)].join("");
}

function renderLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return "";
  return `{${entries.map(([key, value]) => `${key}="${escapeLabelValue(value)}"`).join(",")}}`;
}

/** Label values escape backslash, double quote and line feed; nothing else. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

// HELP text escapes backslash and line feed (quotes stay as they are).
function escapeHelp(help: string): string {
  return help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}
