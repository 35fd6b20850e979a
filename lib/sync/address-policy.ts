import net from 'node:net';

/**
 * Which network addresses a scheduled pull may reach. A feed URL is typed by an admin, but the pull
 * runs inside the server's network: without this check it could read the cloud metadata service
 * (169.254.169.254), a database on localhost or any internal host (server-side request forgery).
 * Returns what kind of address it is when it is not public ("a private address"), else null.
 */
export function nonPublicAddressKind(address: string): string | null {
  const family = net.isIP(address);
  if (family === 4) return ipv4Kind(ipv4ToNumber(address));
  if (family === 6) return ipv6Kind(address);
  return 'not an IP address';
}

type Range4 = { base: string; bits: number; kind: string };

const ipv4Ranges: Range4[] = [
  { base: '0.0.0.0', bits: 8, kind: 'a reserved "this network" address' },
  { base: '10.0.0.0', bits: 8, kind: 'a private address' },
  { base: '100.64.0.0', bits: 10, kind: 'a carrier-grade NAT (shared) address' },
  { base: '127.0.0.0', bits: 8, kind: 'a loopback address' },
  { base: '169.254.0.0', bits: 16, kind: 'a link-local address (this includes cloud metadata services)' },
  { base: '172.16.0.0', bits: 12, kind: 'a private address' },
  { base: '192.0.0.0', bits: 24, kind: 'a reserved address' },
  { base: '192.168.0.0', bits: 16, kind: 'a private address' },
  { base: '198.18.0.0', bits: 15, kind: 'a benchmarking address' },
  { base: '224.0.0.0', bits: 4, kind: 'a multicast address' },
  { base: '240.0.0.0', bits: 4, kind: 'a reserved address' },
];

function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function ipv4Kind(value: number): string | null {
  for (const range of ipv4Ranges) {
    const size = 2 ** (32 - range.bits);
    const base = ipv4ToNumber(range.base);
    if (value >= base && value < base + size) return range.kind;
  }
  return null;
}

/** The eight 16-bit groups of an IPv6 address (with an embedded IPv4 tail expanded). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = ipv4ToNumber(v4[1]!);
    text = `${text.slice(0, v4.index)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  if (tail === undefined) return left;
  const right = parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function ipv6Kind(address: string): string | null {
  const g = ipv6Groups(address);
  const first = g[0]!;
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(7) && g[7] === 1) return 'a loopback address';
  if (zeroUpTo(8)) return 'a reserved "unspecified" address';
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d): judge the IPv4 address inside.
  if (zeroUpTo(5) && (g[5] === 0xffff || g[5] === 0)) return ipv4Kind(g[6]! * 65536 + g[7]!);
  // NAT64 (64:ff9b::a.b.c.d) reaches the IPv4 address inside, too.
  if (first === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return ipv4Kind(g[6]! * 65536 + g[7]!);
  if ((first & 0xfe00) === 0xfc00) return 'a private (unique local) address';
  if ((first & 0xffc0) === 0xfe80) return 'a link-local address';
  if ((first & 0xffc0) === 0xfec0) return 'a site-local address';
  if ((first & 0xff00) === 0xff00) return 'a multicast address';
  return null;
}
