// The poller's memory per vendor (issue 10): the heap taken by 10,000 vendor caches filled as a
// Statuspage vendor's are after a few polls (three documents' validators, the page key, a last write,
// and N incident fingerprints), measured after a full collection: the JS heap and the memory outside
// it that objects hold (typed arrays' backing stores).
// Run: node --expose-gc bench/vendor-memory.ts [incidents per vendor, default 0 5 50]
import { hashBody, shortHash } from "../src/lib/hash.ts";
import { createMemoryCache, type VendorCache } from "../src/poller/memory-cache.ts";

const VENDORS = 10_000;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");

function perVendorBytes(incidents: number): number {
  gc!();
  const used = () => process.memoryUsage().heapUsed + process.memoryUsage().external;
  const before = used();
  const caches = new Map<string, VendorCache>();
  for (let v = 0; v < VENDORS; v++) {
    const cache = createMemoryCache();
    const base = `http://127.1.${v >> 8}.${v & 255}:37689/v/${v}/api/v2/`;
    cache.useFor(JSON.stringify(["statuspage", { url: base, options: {} }]), null);
    for (const doc of ["summary.json", "incidents.json", "scheduled-maintenances.json"])
      cache.set(base + doc, {
        etag: `"fleetp${v.toString(36).padStart(6, "0")}-3-0"`,
        lastModified: null,
        bodyHash: hashBody(`${v}${doc}`),
      });
    cache.written.replace(Array.from({ length: incidents }, (_, k) => shortHash(`${v}-${k}`)));
    cache.wrote(new Date(Date.UTC(2026, 11, 7) + v).toISOString());
    cache.fullReadDone(0);
    caches.set(`fleet-${v}`, cache);
  }
  gc!();
  const bytes = (used() - before) / VENDORS;
  if (caches.size !== VENDORS) throw new Error("caches lost");
  return bytes;
}

const counts = process.argv.slice(2).map(Number);
for (const incidents of counts.length > 0 ? counts : [0, 5, 50])
  console.log(`${incidents} incidents remembered: ${perVendorBytes(incidents).toFixed(0)} B a vendor`);
