// SSRF guard. Status-page URLs come from users, so every address Pingoru dials is vetted here:
// the URL's scheme and syntax, and each IP a host name resolves to (checked at connect time, in
// the lookup the socket actually uses, so DNS rebinding cannot swap in another address).
import { lookup as dnsLookup } from "node:dns";
import type { LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { PingoruError } from "./errors.ts";

/** public: fine; private: only with allowPrivateTargets; forbidden: never (metadata, link-local). */
export type AddressClass = "public" | "private" | "forbidden";

export interface AddressVerdict {
  class: AddressClass;
  reason: string; // why, for messages: "loopback", "cloud metadata", …
}

type Range = readonly [cidr: string, verdict: AddressVerdict];
const forbid = (reason: string): AddressVerdict => ({ class: "forbidden", reason });
const priv = (reason: string): AddressVerdict => ({ class: "private", reason });

// First match wins, so the specific metadata addresses come before their enclosing ranges.
const IPV4_RANGES: readonly Range[] = [
  ["169.254.169.254/32", forbid("cloud metadata")],
  ["100.100.100.200/32", forbid("cloud metadata (Alibaba)")],
  ["168.63.129.16/32", forbid("cloud metadata (Azure WireServer)")],
  ["169.254.0.0/16", forbid("link-local")],
  ["0.0.0.0/8", priv("unspecified / this-network")],
  ["10.0.0.0/8", priv("private network")],
  ["100.64.0.0/10", priv("carrier-grade NAT")],
  ["127.0.0.0/8", priv("loopback")],
  ["172.16.0.0/12", priv("private network")],
  ["192.0.0.0/24", priv("IETF protocol assignments")],
  ["192.0.2.0/24", priv("documentation")],
  ["192.168.0.0/16", priv("private network")],
  ["198.18.0.0/15", priv("benchmarking")],
  ["198.51.100.0/24", priv("documentation")],
  ["203.0.113.0/24", priv("documentation")],
  ["224.0.0.0/4", priv("multicast")],
  ["240.0.0.0/4", priv("reserved / broadcast")],
];

const IPV6_RANGES: readonly Range[] = [
  ["fd00:ec2::254/128", forbid("cloud metadata (AWS)")],
  ["fe80::/10", forbid("link-local")],
  ["::/128", priv("unspecified")],
  ["::1/128", priv("loopback")],
  ["100::/64", priv("discard-only")],
  ["2001:db8::/32", priv("documentation")],
  ["fc00::/7", priv("unique local (private)")],
  ["fec0::/10", priv("site-local")],
  ["ff00::/8", priv("multicast")],
];

const IPV4_NETWORKS = networks(IPV4_RANGES, 32);
const IPV6_NETWORKS = networks(IPV6_RANGES, 128);

/** Classify one IP literal (v4 or v6, optional %zone). Anything unparseable is forbidden: fail closed. */
export function classifyAddress(ip: string): AddressClass {
  return judgeAddress(ip).class;
}

export function judgeAddress(ip: string): AddressVerdict {
  const bare = ip.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const v4 = parseIpv4(bare);
  if (v4 !== null) return judgeIpv4(v4);
  const v6 = parseIpv6(bare);
  if (v6 === null) return forbid("not an IP address");
  const embedded = embeddedIpv4s(v6);
  if (embedded.length > 0) return worst(embedded.map(judgeIpv4));
  return firstMatch(IPV6_NETWORKS, v6) ?? { class: "public", reason: "public" };
}

const SEVERITY: Record<AddressClass, number> = { public: 0, private: 1, forbidden: 2 };

/** The strictest of several verdicts (an address that may embed several IPv4s is judged by the worst). */
function worst(verdicts: readonly AddressVerdict[]): AddressVerdict {
  return verdicts.reduce((a, b) => (SEVERITY[b.class] > SEVERITY[a.class] ? b : a));
}

function judgeIpv4(v4: bigint): AddressVerdict {
  return firstMatch(IPV4_NETWORKS, v4) ?? { class: "public", reason: "public" };
}

/** A range parsed once: the address bits it fixes, as a prefix shifted down. */
interface Network {
  prefix: bigint;
  shift: bigint;
  verdict: AddressVerdict;
}

function networks(ranges: readonly Range[], bits: 32 | 128): Network[] {
  return ranges.map(([cidr, verdict]) => {
    const [base = "", length = ""] = cidr.split("/");
    const address = bits === 32 ? parseIpv4(base) : parseIpv6(base);
    if (address === null) throw new Error(`bad range ${cidr}`);
    const shift = BigInt(bits - Number(length));
    return { prefix: address >> shift, shift, verdict };
  });
}

function firstMatch(ranges: readonly Network[], address: bigint): AddressVerdict | undefined {
  for (const { prefix, shift, verdict } of ranges) if (address >> shift === prefix) return verdict;
  return undefined;
}

function parseIpv4(text: string): bigint | null {
  if (isIP(text) !== 4) return null;
  return text.split(".").reduce((acc, part) => (acc << 8n) | BigInt(part), 0n);
}

function parseIpv6(text: string): bigint | null {
  if (isIP(text) !== 6) return null;
  let groups = text;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted !== undefined) {
    const v4 = parseIpv4(dotted) ?? 0n;
    groups = `${text.slice(0, -dotted.length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = "", tail] = groups.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const zeros = Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].reduce((acc, g) => (acc << 16n) | BigInt(`0x${g}`), 0n);
}

/** Bits `from`..`to` (inclusive, 0 = most significant) of a 128-bit address. */
function bits(v6: bigint, from: number, to: number): bigint {
  return (v6 >> BigInt(127 - to)) & ((1n << BigInt(to - from + 1)) - 1n);
}

/** The IPv4 that an RFC 6052 translator with a prefix of `length` bits reads out of `v6`. */
function rfc6052Ipv4(v6: bigint, length: 32 | 40 | 48 | 56 | 64 | 96): bigint {
  // Bits 64–71 (the "u" octet) never carry address bits.
  switch (length) {
    case 32:
      return bits(v6, 32, 63);
    case 40:
      return (bits(v6, 40, 63) << 8n) | bits(v6, 72, 79);
    case 48:
      return (bits(v6, 48, 63) << 16n) | bits(v6, 72, 87);
    case 56:
      return (bits(v6, 56, 63) << 24n) | bits(v6, 72, 95);
    case 64:
      return bits(v6, 72, 103);
    case 96:
      return bits(v6, 96, 127);
  }
}

/**
 * Every IPv4 address an IPv6 address may reach, judged as those IPv4s: mapped (::ffff:0:0/96),
 * SIIT (::ffff:0:0:0/96), compatible (::/96), NAT64 well-known (64:ff9b::/96) and local-use
 * (64:ff9b:1::/48, with any RFC 6052 prefix length inside it), 6to4 (2002::/16) and Teredo
 * (2001::/32: the server and the obfuscated client). Empty when it embeds none.
 */
function embeddedIpv4s(v6: bigint): bigint[] {
  const low32 = v6 & 0xffffffffn;
  const high96 = v6 >> 32n;
  if (high96 === 0xffffn) return [low32]; // ::ffff:a.b.c.d (mapped)
  if (high96 === 0xffff0000n) return [low32]; // ::ffff:0:a.b.c.d (SIIT, RFC 7915)
  if (high96 === 0x64ff9b0000000000000000n) return [low32]; // 64:ff9b::/96 (NAT64)
  if (v6 >> 80n === 0x64ff9b0001n) {
    // 64:ff9b:1::/48 (local-use NAT64, RFC 8215): the operator picks the prefix length, so every
    // reading counts.
    return ([48, 56, 64, 96] as const).map((length) => rfc6052Ipv4(v6, length));
  }
  if (high96 === 0n && low32 > 1n) return [low32]; // ::a.b.c.d (deprecated compatible form)
  if (v6 >> 112n === 0x2002n) return [bits(v6, 16, 47)]; // 2002:AABB:CCDD::/48 (6to4)
  if (v6 >> 96n === 0x20010000n) return [bits(v6, 32, 63), low32 ^ 0xffffffffn]; // Teredo
  return [];
}

/** The message-ready refusal for dialling `ip` for `host`, or null when it may be dialled. */
export function refuseAddress(host: string, ip: string, allowPrivateTargets: boolean): PingoruError | null {
  const verdict = judgeAddress(ip);
  if (verdict.class === "public") return null;
  if (verdict.class === "private" && allowPrivateTargets) return null;
  const via = host === ip ? "" : ` (resolves to ${ip})`;
  const hint =
    verdict.class === "private" ? "; set PINGORU_ALLOW_PRIVATE_TARGETS=1 to allow it" : ", always refused";
  return new PingoruError("blocked", `blocked: ${host}${via} is a ${verdict.reason} address${hint}`, {
    retryable: false,
  });
}

/** Parse a user-given status-page URL: absolute http(s) only, no credentials. Throws kind "input". */
export function assertSafeUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PingoruError("input", `not a valid URL: ${JSON.stringify(url)}`, { url });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new PingoruError(
      "input",
      `only http and https URLs are allowed, got ${parsed.protocol} in ${url}`,
      {
        url,
      },
    );
  }
  if (parsed.username !== "" || parsed.password !== "") {
    throw new PingoruError("input", `URLs with credentials are not allowed: ${parsed.host}`, { url });
  }
  return parsed;
}

// Host names that only ever mean a cloud metadata service; refused by name as well as by address.
const METADATA_HOST_NAMES: ReadonlySet<string> = new Set(["metadata.google.internal", "metadata.goog"]);

/**
 * Why a URL may never be dialled whatever the settings, judged without DNS: its host is an IP literal
 * (in any spelling the URL parser accepts, IPv4-embedding IPv6 forms included) that is forbidden
 * (cloud metadata, link-local), or a metadata host name. Null when it is not refused up front (a
 * name that resolves to such an address is still refused when dialled). Never echoes the URL, which
 * may be a secret (a chat webhook).
 */
export function forbiddenUrlReason(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/\.$/, "").toLowerCase();
  if (METADATA_HOST_NAMES.has(host)) return "cloud metadata";
  const ip = ipLiteralHost(parsed);
  if (ip === null) return null;
  const verdict = judgeAddress(ip);
  return verdict.class === "forbidden" ? verdict.reason : null;
}

/**
 * assertSafeUrl, and refused (kind "blocked") when the URL's host is forbidden whatever the settings:
 * for URLs that are saved (vendor pages, feeds), so they are refused when saved, not when first sent.
 */
export function assertSavableUrl(url: string): URL {
  const parsed = assertSafeUrl(url);
  const reason = forbiddenUrlReason(url);
  if (reason !== null)
    throw new PingoruError("blocked", `blocked: ${parsed.hostname} is a ${reason} address, always refused`, {
      retryable: false,
    });
  return parsed;
}

/** The host to dial, without IPv6 brackets, when it is an IP literal (which skips DNS); else null. */
export function ipLiteralHost(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return isIP(host) === 0 ? null : host;
}

export type Resolver = (host: string) => Promise<readonly LookupAddress[]>;

const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    ),
  );

type LookupCallback = (err: Error | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net/tls.connect (and undici's connector): resolves every address itself and
 * refuses the whole name if any of them is not allowed, so the vetted IP is the one dialled.
 */
export function createGuardedLookup(allowPrivateTargets: boolean, resolve: Resolver = systemResolver) {
  return (host: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback) => {
    resolve(host).then(
      (addresses) => {
        for (const { address } of addresses) {
          const refusal = refuseAddress(host, address, allowPrivateTargets);
          if (refusal) return callback(refusal, "");
        }
        const family = familyNumber(options.family);
        const wanted = addresses.filter((a) => family === 0 || a.family === family);
        const first = wanted[0];
        if (!first)
          return callback(Object.assign(new Error(`no address for ${host}`), { code: "ENOTFOUND" }), "");
        if (options.all) return callback(null, [...wanted]);
        return callback(null, first.address, first.family);
      },
      (err: Error) => callback(err, ""),
    );
  };
}

function familyNumber(family: number | string | undefined): number {
  if (family === "IPv4") return 4;
  if (family === "IPv6") return 6;
  return Number(family ?? 0) || 0;
}

/** A URL with its password replaced, for messages and logs (a database URL, say). */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1<secret>@");
}
