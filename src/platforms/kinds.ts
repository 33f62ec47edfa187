// The platform vocabulary: one word per adapter in registry.ts, in its order (registry.ts checks, as it
// compiles, that the two lists name the same platforms). Kept apart from the registry so the config,
// the catalog and the command line can name platforms without loading every adapter and its parsers.
export const PLATFORM_KINDS = [
  "statuspage",
  "incidentio",
  "feed",
  "instatus",
  "statusio",
  "cachet",
  "slack",
  "heroku",
  "betterstack",
  "gcp",
  "azure",
  "aws",
  "html",
] as const;

export type PlatformKind = (typeof PLATFORM_KINDS)[number];

export function isPlatformKind(kind: string): kind is PlatformKind {
  return (PLATFORM_KINDS as readonly string[]).includes(kind);
}
