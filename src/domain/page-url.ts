// Which status page a URL names: two vendors on one page would record it twice and notify twice.

/**
 * A URL as pages are compared: scheme and host in lower case, no default port, no fragment, no
 * trailing slash. A platform may first map its other URLs onto the page (Platform.pageUrl).
 */
export function comparablePageUrl(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  parsed.hash = "";
  parsed.pathname = parsed.pathname.replace(/\/+$/, "");
  return parsed.toString().replace(/\/$/, "");
}
