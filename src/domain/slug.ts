// Slugs name vendors in URLs and on the command line: lower-case letters, digits and dashes.

export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/g, "");
}

/** A vendor's slug from its status page host: www.githubstatus.com → github, status.openai.com → openai. */
export function slugFromUrl(url: string): string {
  const host = new URL(url).hostname;
  if (/^[\d.]+$|:/.test(host)) return slugify(host);
  const labels = host.split(".").slice(0, -1);
  const main = labels.find((label) => !/^(www|status|statuspage)$/.test(label)) ?? labels[0] ?? host;
  return slugify(main.replace(/-?status$/, "") || main) || "vendor";
}
