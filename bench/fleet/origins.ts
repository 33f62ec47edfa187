// Each simulated vendor is its own origin, as real vendors are (their own host names): vendor i lives
// at a loopback address of its own, 127.<1 + i/65536>.<i/256 % 256>.<i % 256>, on the fleet server's
// port. The whole of 127.0.0.0/8 is loopback, so nothing leaves the machine; the fleet server listens on
// every address to answer them all. A per-origin limit or connection pool is then exercised as in life.
// A fleet served by P processes (server.ts --shard k --shards P) gives vendor i to process i mod P:
// `ports` lists the processes' ports in that order.
export function vendorOrigin(i: number, port: number | string): string {
  return `http://127.${1 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}:${port}`;
}

export function vendorUrl(i: number, port: number | string): string {
  return `${vendorOrigin(i, port)}/v/${i}`;
}

/** The port of the fleet process that serves vendor i. */
export function portOf(i: number, ports: readonly string[]): string {
  return ports[i % ports.length]!;
}
