import { isIPv4 } from 'node:net';
import { staticBandSize, type AllocationRange } from './allocation-range.js';

const CIDR = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/;
/** Narrower ranges leave too few addresses once the network and broadcast ones are taken out. */
const MAX_PREFIX = 30;
/** kube-apiserver refuses a wider IPv4 service range ("the mask must be >= 12"). */
const MIN_PREFIX = 12;

function toNumber(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

function toAddress(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/**
 * The service cluster IP range (kube-apiserver --service-cluster-ip-range), IPv4 only. The
 * network and broadcast addresses are never handed out; the first address after the network
 * one belongs to the `kubernetes` Service.
 */
export class ServiceIPRange implements AllocationRange<string> {
  readonly pool: string;
  readonly firstOffset = 1;
  readonly lastOffset: number;
  readonly dynamicStart: number;
  private readonly base: number;
  private readonly size: number;

  private constructor(
    readonly text: string,
    base: number,
    prefix: number,
  ) {
    this.base = base;
    this.size = 2 ** (32 - prefix);
    this.lastOffset = this.size - 2;
    this.dynamicStart = staticBandSize(this.size, 16, 256);
    this.pool = `service-ips:${text}`;
  }

  /** Parses "10.96.0.0/12"; throws an Error whose message reads after the setting's name. */
  static parse(cidr: string): ServiceIPRange {
    const match = CIDR.exec(cidr.trim());
    const prefix = match ? Number(match[2]) : NaN;
    if (!match || !isIPv4(match[1]!) || !(prefix >= MIN_PREFIX && prefix <= MAX_PREFIX)) {
      throw new Error(`must be an IPv4 CIDR such as 10.96.0.0/12 with a prefix length ${MIN_PREFIX}-${MAX_PREFIX}`);
    }
    const size = 2 ** (32 - prefix);
    const base = toNumber(match[1]!) - (toNumber(match[1]!) % size);
    return new ServiceIPRange(`${toAddress(base)}/${prefix}`, base, prefix);
  }

  offsetOf(ip: string): number | undefined {
    if (!isIPv4(ip)) return undefined;
    const offset = toNumber(ip) - this.base;
    return offset >= this.firstOffset && offset <= this.lastOffset ? offset : undefined;
  }

  valueAt(offset: number): string {
    return toAddress(this.base + offset);
  }
}
