// `vendors add github`: a word that is not a URL names a catalog service, whose page, platform, feed,
// name, slug and category stand in wherever the user gave none.
import { PingoruError } from "../lib/errors.ts";
import { findCatalogEntry, findCatalogEntryByUrl, loadCatalog, type CatalogEntry } from "./catalog.ts";

export interface VendorRequest {
  url: string;
  name?: string | undefined;
  slug?: string | undefined;
  platform?: string | undefined;
  feedUrl?: string | undefined;
  category?: string | null | undefined;
}

/**
 * A URL passes through (gaining the catalog's category when it is a catalog page); a catalog slug or
 * name becomes that entry's page. Anything else is a one-line input error pointing at the search.
 */
export function resolveVendorRequest<T extends VendorRequest>(
  input: T,
  catalog: readonly CatalogEntry[] = loadCatalog(),
): T {
  const text = input.url.trim();
  if (URL.canParse(text)) {
    const known = findCatalogEntryByUrl(text, catalog);
    if (known === null) return input;
    // A catalog page is read the way the catalog knows it (Azure's page is not its feed), unless the user
    // named a platform: then the catalog's feed, which belongs to the catalog's platform, is not used.
    const feedUrl = input.platform ? input.feedUrl : (input.feedUrl ?? known.feed ?? undefined);
    return {
      ...input,
      platform: input.platform ?? known.platform,
      feedUrl,
      category: input.category === undefined ? known.category : input.category,
    };
  }
  const entry = findCatalogEntry(text, catalog);
  if (entry === null)
    throw new PingoruError(
      "input",
      `${JSON.stringify(text)} is not a valid URL nor a service in the catalog (find one with: pingoru catalog search ${text})`,
    );
  // The catalog's platform and feed belong to its URL: a user's own platform or feed still wins.
  return {
    ...input,
    url: entry.url,
    name: input.name ?? entry.name,
    slug: input.slug ?? entry.slug,
    platform: input.platform ?? entry.platform,
    feedUrl: input.feedUrl ?? entry.feed,
    category: input.category === undefined ? entry.category : input.category,
  };
}
