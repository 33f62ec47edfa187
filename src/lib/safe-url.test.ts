import { describe, expect, it } from "vitest";
import type { LookupAddress } from "node:dns";
import { PingoruError } from "./errors.ts";
import type { AddressClass, Resolver } from "./safe-url.ts";
import {
  assertSafeUrl,
  classifyAddress,
  createGuardedLookup,
  ipLiteralHost,
  refuseAddress,
} from "./safe-url.ts";

describe("classifyAddress", () => {
  const cases: [string, AddressClass][] = [
    // public
    ["93.184.216.34", "public"],
    ["8.8.8.8", "public"],
    ["172.32.0.1", "public"], // just past 172.16/12
    ["100.128.0.1", "public"], // just past 100.64/10
    ["169.253.255.255", "public"],
    ["2606:4700:4700::1111", "public"],
    ["::ffff:8.8.8.8", "public"],
    // private: allowed only with allowPrivateTargets
    ["127.0.0.1", "private"],
    ["127.255.255.254", "private"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "private"],
    ["100.127.255.255", "private"],
    ["0.0.0.0", "private"],
    ["224.0.0.1", "private"],
    ["255.255.255.255", "private"],
    ["::1", "private"],
    ["::", "private"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["ff02::1", "private"],
    ["::ffff:127.0.0.1", "private"],
    ["::ffff:7f00:1", "private"],
    ["::ffff:10.0.0.1", "private"],
    // forbidden whatever the setting: link-local and cloud metadata, in every spelling
    ["169.254.169.254", "forbidden"],
    ["169.254.0.1", "forbidden"],
    ["100.100.100.200", "forbidden"],
    ["fe80::1", "forbidden"],
    ["fe80::1%eth0", "forbidden"],
    ["febf::1", "forbidden"],
    ["fd00:ec2::254", "forbidden"],
    ["[fd00:ec2::254]", "forbidden"],
    ["::ffff:169.254.169.254", "forbidden"],
    ["::ffff:a9fe:a9fe", "forbidden"],
    ["0:0:0:0:0:ffff:a9fe:a9fe", "forbidden"],
    ["::ffff:100.100.100.200", "forbidden"],
    ["64:ff9b::a9fe:a9fe", "forbidden"], // NAT64
    ["2002:a9fe:a9fe::1", "forbidden"], // 6to4
    ["::ffff:0:a9fe:a9fe", "forbidden"], // SIIT
    ["::ffff:0:169.254.169.254", "forbidden"], // SIIT, dotted
    ["::ffff:0:7f00:1", "private"], // SIIT loopback
    ["::ffff:0:808:808", "public"], // SIIT 8.8.8.8
    ["64:ff9b::169.254.169.254", "forbidden"], // NAT64, dotted
    ["64:ff9b:1::a9fe:a9fe", "forbidden"], // local-use NAT64, /96 reading
    ["64:ff9b:1:a9fe:a9:fe00::", "forbidden"], // local-use NAT64, /48 reading
    ["64:ff9b:1:a9:fe:a9fe::", "forbidden"], // local-use NAT64, /56 reading
    ["64:ff9b:1:0:a9:fea9:fe00:0", "forbidden"], // local-use NAT64, /64 reading
    // local-use NAT64 is judged by its strictest reading: 8.8.8.8 at /48 reads as 0.0.0.0 at /96
    ["64:ff9b:1:0808:08:0800::", "private"],
    ["64:ff9b:1::7f00:1", "private"], // local-use NAT64 of loopback
    ["2002:7f00:1::", "private"], // 6to4 of loopback
    ["2002:0808:0808::1", "public"], // 6to4 of 8.8.8.8
    ["2001:0:4136:e378:8000:63bf:5601:5601", "forbidden"], // Teredo, client 169.254.169.254 obfuscated
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", "private"], // Teredo, client 127.0.0.1
    ["2001:0:a9fe:a9fe:8000:63bf:f7f7:f7f7", "forbidden"], // Teredo, server 169.254.169.254
    ["2001:0:4136:e378:8000:63bf:f7f7:f7f7", "public"], // Teredo, client 8.8.8.8, public server
    // not an IP at all: fail closed
    ["example.com", "forbidden"],
    ["", "forbidden"],
    ["999.1.1.1", "forbidden"],
  ];
  it.each(cases)("%s is %s", (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
  });
});

describe("refuseAddress", () => {
  it.each([
    ["8.8.8.8", false, null],
    ["10.0.0.1", true, null],
    ["10.0.0.1", false, /blocked: status\.example \(resolves to 10\.0\.0\.1\) is a private network address/],
    ["169.254.169.254", true, /cloud metadata.*always refused/],
    ["fe80::1", true, /link-local/],
  ] as const)("%s with allowPrivateTargets=%s", (ip, allow, expected) => {
    const refusal = refuseAddress("status.example", ip, allow);
    if (expected === null) return expect(refusal).toBeNull();
    expect(refusal).toBeInstanceOf(PingoruError);
    expect(refusal?.kind).toBe("blocked");
    expect(refusal?.retryable).toBe(false);
    expect(refusal?.message).toMatch(expected);
  });
});

describe("assertSafeUrl", () => {
  it.each(["https://www.githubstatus.com", "http://status.example.com:8080/api/v2/summary.json?x=1"])(
    "accepts %s",
    (url) => {
      expect(assertSafeUrl(url).href.startsWith("http")).toBe(true);
    },
  );

  it.each([
    ["not a url", /not a valid URL/],
    ["/relative/path", /not a valid URL/],
    ["ftp://example.com/", /only http and https/],
    ["file:///etc/passwd", /only http and https/],
    ["javascript:alert(1)", /only http and https/],
    ["https://user:pass@example.com/", /credentials/],
  ])("rejects %s as input", (url, message) => {
    const error = catchError(() => assertSafeUrl(url));
    expect(error.kind).toBe("input");
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain("\n");
  });
});

describe("ipLiteralHost", () => {
  it.each([
    ["http://127.0.0.1:8080/", "127.0.0.1"],
    ["http://[::1]/", "::1"],
    ["http://2130706433/", "127.0.0.1"], // the URL parser normalizes odd IPv4 spellings
    ["http://0x7f.1/", "127.0.0.1"],
    ["http://example.com/", null],
  ])("%s → %s", (url, expected) => {
    expect(ipLiteralHost(new URL(url))).toBe(expected);
  });
});

describe("createGuardedLookup", () => {
  const resolverFor =
    (...addresses: string[]): Resolver =>
    async () =>
      addresses.map((address): LookupAddress => ({ address, family: address.includes(":") ? 6 : 4 }));

  function lookup(allow: boolean, resolve: Resolver, options: { all?: boolean; family?: number } = {}) {
    return new Promise<{ err: Error | null; address: unknown; family?: number }>((done) =>
      createGuardedLookup(allow, resolve)("status.example", options, (err, address, family) =>
        done({ err, address, family }),
      ),
    );
  }

  it("returns the vetted public address", async () => {
    expect(await lookup(false, resolverFor("93.184.216.34"))).toEqual({
      err: null,
      address: "93.184.216.34",
      family: 4,
    });
  });

  it("returns all addresses of the wanted family when asked for all", async () => {
    const result = await lookup(false, resolverFor("2606:4700::1", "93.184.216.34"), { all: true });
    expect(result.address).toEqual([
      { address: "2606:4700::1", family: 6 },
      { address: "93.184.216.34", family: 4 },
    ]);
    const v4 = await lookup(false, resolverFor("2606:4700::1", "93.184.216.34"), { family: 4 });
    expect(v4.address).toBe("93.184.216.34");
  });

  it("refuses the whole name if any resolved address is not allowed (rebinding-style answers)", async () => {
    const { err } = await lookup(true, resolverFor("93.184.216.34", "169.254.169.254"));
    expect(err).toBeInstanceOf(PingoruError);
    expect((err as PingoruError).kind).toBe("blocked");
    expect(err?.message).toContain("status.example (resolves to 169.254.169.254)");
  });

  it("allows private addresses only when told to", async () => {
    expect((await lookup(false, resolverFor("10.0.0.5"))).err?.message).toMatch(/blocked/);
    expect((await lookup(true, resolverFor("10.0.0.5"))).address).toBe("10.0.0.5");
  });

  it("passes DNS failures through unchanged", async () => {
    const failure = Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    const { err } = await lookup(false, () => Promise.reject(failure));
    expect(err).toBe(failure);
  });
});

function catchError(action: () => unknown): PingoruError {
  try {
    action();
  } catch (error) {
    if (error instanceof PingoruError) return error;
    throw error;
  }
  throw new Error("expected a PingoruError");
}
