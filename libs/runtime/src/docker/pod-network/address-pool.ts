import ipaddr from 'ipaddr.js';

/**
 * The addresses pods wired by the node agent get: the upper half of the pod network's subnet
 * (10.88.128.1-10.88.255.254 of 10.88.0.0/16). The lower half stays Docker's: it hands out
 * addresses from the bottom to whatever it attaches to the network itself (sandboxes with
 * host ports, sandboxes of older agents, `docker run --network kubenest0`), so the two never
 * pick the same one. The broadcast address is never handed out.
 */
export class AddressPool {
  readonly size: number;
  readonly prefixLength: number;
  private readonly first: number;

  constructor(readonly subnet: string) {
    const [network, prefixLength] = ipaddr.IPv4.parseCIDR(subnet);
    if (prefixLength > 29)
      throw new Error(`pod network ${subnet}: a prefix of at most /29 is needed to leave pods room`);
    this.prefixLength = prefixLength;
    const hostCount = 2 ** (32 - prefixLength);
    const base = toNumber(network) - (toNumber(network) % hostCount);
    this.first = base + hostCount / 2;
    this.size = hostCount / 2 - 1; // the broadcast address is the half's last one
  }

  /** The pool's `offset`th address, 0 <= offset < size. */
  addressAt(offset: number): string {
    return ipaddr.fromByteArray(toBytes(this.first + offset)).toString();
  }

  contains(ip: string): boolean {
    if (!ipaddr.IPv4.isValidFourPartDecimal(ip)) return false;
    const offset = toNumber(ipaddr.IPv4.parse(ip)) - this.first;
    return offset >= 0 && offset < this.size;
  }

  /** The MAC Docker would give `ip` (02:42 and the address), so a reused address keeps its MAC and neighbours' ARP caches stay right. */
  static macOf(ip: string): string {
    const hex = ipaddr.IPv4.parse(ip)
      .toByteArray()
      .map((byte) => byte.toString(16).padStart(2, '0'));
    return ['02', '42', ...hex].join(':');
  }
}

function toNumber(address: ipaddr.IPv4): number {
  return address.toByteArray().reduce((n, byte) => n * 256 + byte, 0);
}

function toBytes(n: number): number[] {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256);
}
