// The catalog's fixed list of categories: the dashboard filters by them, so they stay few and stable.

export const CATEGORIES = [
  "ai",
  "analytics",
  "auth",
  "cdn-dns",
  "ci-cd",
  "cloud",
  "communication",
  "crm",
  "databases",
  "design",
  "developer-tools",
  "ecommerce",
  "email",
  "finance",
  "hosting",
  "hr",
  "marketing",
  "monitoring",
  "payments",
  "productivity",
  "security",
  "support",
  "video",
  "other",
] as const;
export type Category = (typeof CATEGORIES)[number];
