import { join } from 'node:path';
import type Docker from 'dockerode';
import { RuntimeLabels } from '../../runtime-labels.js';
import { AddressPool } from './address-pool.js';
import { IpReservations } from './ip-reservations.js';
import { podBridgeOf, type PodBridge } from './pod-bridge.js';
import { runIp } from './run-ip.js';

/** A reservation younger than this may belong to a sandbox still being created. */
const RESERVATION_GRACE_MS = 120_000;

/**
 * Pod networking the way the kubelet and the CNI bridge plugin do it, for sandboxes Docker
 * starts with NetworkMode none: an address from the pool, a veth pair whose host end joins
 * the Docker network's bridge and whose other end becomes the sandbox's eth0, and a default
 * route through the bridge's gateway. Docker's own attachment (libnetwork endpoint, embedded
 * DNS, per-endpoint iptables) costs the daemon more CPU per sandbox than the whole wiring
 * here (docs/benchmarks.md, pod-startup). The veth lives exactly as long as the sandbox's
 * network namespace; the reservation until the sandbox is stopped or removed.
 */
export class VethNetwork {
  readonly pool: AddressPool;
  private readonly reservations: IpReservations;
  private bridge?: Promise<PodBridge>;

  constructor(
    private readonly docker: Docker,
    private readonly networkName: string,
    subnet: string,
    reservationsDir: string,
  ) {
    this.pool = new AddressPool(subnet);
    this.reservations = new IpReservations(join(reservationsDir, networkName), this.pool);
  }

  /**
   * The bridge, looked up once; the first call also releases reservations no running
   * sandbox holds (left by a crashed agent, or by a sandbox removed behind the agent's back).
   */
  ready(): Promise<PodBridge> {
    this.bridge ??= (async () => {
      const bridge = await podBridgeOf(this.docker, this.networkName);
      await this.reservations.releaseUnused(await this.addressesInUse(), RESERVATION_GRACE_MS);
      return bridge;
    })().catch((error: unknown) => {
      this.bridge = undefined;
      throw error;
    });
    return this.bridge;
  }

  reserve(owner: string): Promise<string> {
    return this.reservations.reserve(owner);
  }

  release(ip: string, owner: string): Promise<void> {
    return this.reservations.release(ip, owner);
  }

  /** Wires the started sandbox `containerId` (its process `pid`) to the bridge with `ip`. */
  async connect(containerId: string, pid: number, ip: string): Promise<void> {
    const { device, gateway } = await this.ready();
    const hostEnd = hostEndOf(containerId);
    await runIp([
      `link add ${hostEnd} type veth peer name eth0 address ${AddressPool.macOf(ip)} netns ${pid}`,
      `link set ${hostEnd} master ${device} up`,
    ]);
    await runIp(
      [`addr add ${ip}/${this.pool.prefixLength} dev eth0`, 'link set eth0 up', `route add default via ${gateway}`],
      { netnsPid: pid },
    );
  }

  /**
   * Deletes the host end of a stopped sandbox's veth, as CNI DEL does: the kernel would take it
   * with the sandbox's network namespace, but only when it gets round to tearing that down.
   */
  async disconnect(containerId: string): Promise<void> {
    await runIp([`link del ${hostEndOf(containerId)}`]).catch((error: Error) => {
      if (!/Cannot find device/.test(error.message)) throw error;
    });
  }

  /** Addresses of running sandboxes wired here, by every agent on this Docker daemon. */
  private async addressesInUse(): Promise<Set<string>> {
    const running = await this.docker.listContainers({ filters: { label: [RuntimeLabels.podIP] } });
    return new Set(running.map((container) => container.Labels?.[RuntimeLabels.podIP] ?? ''));
  }
}

/** At most 15 characters (IFNAMSIZ); from the container ID, so a leftover names its sandbox. */
export function hostEndOf(containerId: string): string {
  return `kn${containerId.slice(0, 13)}`;
}
