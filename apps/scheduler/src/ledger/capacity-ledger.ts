import type { Redis } from 'ioredis';
import { InsufficientCapacityError } from './insufficient-capacity-error.js';
import type { LedgerNode, LedgerPod } from './ledger-entry.js';
import { LedgerKeys } from './ledger-keys.js';
import { loadLedgerScripts, type LedgerScripts } from './ledger-scripts.js';
import { ReservationHeldError } from './reservation-held-error.js';

export interface CapacityLedgerOptions {
  /**
   * How old a reservation must be before reconcile may drop it for want of a bound pod, or
   * another process may take it over: longer than reserve -> bind -> informer shows it.
   */
  graceMs?: number;
  clock?: () => number;
}

export interface ReconcileCounts {
  dropped: number;
  charged: number;
}

/**
 * Why a ledger: every scheduler process filters on its own informer cache, which lags the
 * apiserver. Two processes can both see "node-a: 900m of 1000m cpu used" and both place a
 * 100m pod there; kube-scheduler avoids this by being a single leader, kubenest runs several
 * BullMQ workers at once. So, before binding, a process reserves the pod's requests on the
 * chosen node in Redis, atomically (reserve.lua), against the node's allocatable.
 *
 * Per node the ledger keeps its allocatable (refreshed from the Node on every reserve and
 * reconcile), one reservation per pod uid, and the sums of those reservations, changed in the
 * same script as every reservation (scripts/includes/node-usage.lua): a reserve reads the
 * sums instead of walking the node's pods, so it costs the same on a full node as on an empty
 * one. The periodic reconcile counts the sums again from the reservations.
 *
 * Example: node-a allocatable cpu 1000m, pods 10; reservations p1 600m, p2 300m (used 900m).
 *   process A reserves p3 (100m): 900 + 100 <= 1000 -> reserved, used 1000m.
 *   process B, whose informer still shows 900m, reserves p4 (100m): 1000 + 100 > 1000 ->
 *   code 3 'cpu'; B re-filters with the ledger's verdict and tries its next node.
 *   p2 is deleted: release(p2) -> used 700m; the periodic reconcile would have dropped it
 *   anyway once it was older than the grace period and not bound in the informer.
 *
 * A reservation lives until the pod is deleted or finishes (release), its binding fails
 * (release), or reconcile finds it is not bound there (crash between reserve and bind).
 * Pods bound without the ledger (spec.nodeName set by hand) are charged when a reserve or
 * reconcile on their node sees them in the caller's informer. The limit of the guarantee:
 * reconcile trusts an informer that is less than graceMs behind.
 */
export class CapacityLedger {
  private readonly redis: Redis & LedgerScripts;
  private readonly graceMs: number;
  private readonly clock: () => number;

  constructor(redis: Redis, options: CapacityLedgerOptions = {}) {
    this.redis = loadLedgerScripts(redis);
    this.graceMs = options.graceMs ?? 60_000;
    this.clock = options.clock ?? Date.now;
  }

  /**
   * Reserves `pod` on `node`; resolves when reserved (or already reserved there). Throws
   * InsufficientCapacityError or ReservationHeldError. `bound` are the pods the caller's
   * informer shows on the node.
   */
  async reserve(node: LedgerNode, pod: LedgerPod, bound: readonly LedgerPod[] = []): Promise<void> {
    // Most pods have no reservation yet: look up where it is only when the script says otherwise.
    let seen = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      const reply = await this.redis.schedReserve(
        LedgerKeys.capacity(node.name),
        LedgerKeys.reservations(node.name),
        LedgerKeys.podNode,
        LedgerKeys.nodes,
        LedgerKeys.reservations(seen || node.name),
        LedgerKeys.capacity(seen || node.name),
        pod.uid,
        node.name,
        pod.cpuMilli,
        pod.memoryBytes,
        this.clock(),
        this.graceMs,
        node.cpuMilli,
        node.memoryBytes,
        node.pods,
        seen,
        ...bound.flatMap((b) => [b.uid, b.cpuMilli, b.memoryBytes]),
      );
      switch (Number(reply[0])) {
        case 0:
        case 1:
          return;
        case 2:
          throw new ReservationHeldError(String(reply[1]));
        case 3:
          throw new InsufficientCapacityError(node.name, reply.slice(1).map(String));
        case 4:
          seen = (await this.redis.hget(LedgerKeys.podNode, pod.uid)) ?? ''; // reserved elsewhere: look where
          continue;
        default:
          throw new Error(`reserve.lua returned unknown code ${reply[0]}`);
      }
    }
    throw new Error(`the reservation of pod ${pod.uid} keeps moving; giving up for now`);
  }

  /** Frees the pod's reservation wherever it is; a pod without one is fine. */
  async release(uid: string): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const node = await this.redis.hget(LedgerKeys.podNode, uid);
      if (!node) return;
      const reply = await this.redis.schedRelease(
        LedgerKeys.reservations(node),
        LedgerKeys.podNode,
        LedgerKeys.capacity(node),
        uid,
        node,
      );
      if (Number(reply[0]) !== 2) return;
    }
  }

  /** The node the pod is reserved on, if any. */
  async reservedNode(uid: string): Promise<string | undefined> {
    return (await this.redis.hget(LedgerKeys.podNode, uid)) ?? undefined;
  }

  /**
   * Makes the ledger match the truth: `nodes` with the pods bound to each. Nodes the ledger
   * knows but the truth lacks are forgotten.
   */
  async reconcile(nodes: readonly { node: LedgerNode; bound: readonly LedgerPod[] }[]): Promise<ReconcileCounts> {
    const counts: ReconcileCounts = { dropped: 0, charged: 0 };
    for (const { node, bound } of nodes) {
      const reply = await this.redis.schedReconcileNode(
        LedgerKeys.capacity(node.name),
        LedgerKeys.reservations(node.name),
        LedgerKeys.podNode,
        LedgerKeys.nodes,
        node.name,
        this.clock(),
        this.graceMs,
        node.cpuMilli,
        node.memoryBytes,
        node.pods,
        ...bound.flatMap((b) => [b.uid, b.cpuMilli, b.memoryBytes]),
      );
      counts.dropped += Number(reply[0]);
      counts.charged += Number(reply[1]);
    }
    const live = new Set(nodes.map((n) => n.node.name));
    for (const name of await this.redis.smembers(LedgerKeys.nodes)) {
      if (live.has(name)) continue;
      await this.redis.schedForgetNode(
        LedgerKeys.capacity(name),
        LedgerKeys.reservations(name),
        LedgerKeys.podNode,
        LedgerKeys.nodes,
        name,
      );
    }
    return counts;
  }

  /** What the ledger holds on a node: reservation count and sums (for tests and metrics). */
  async usage(node: string): Promise<{ pods: number; cpuMilli: number; memoryBytes: number }> {
    const entries = await this.redis.hvals(LedgerKeys.reservations(node));
    const usage = { pods: entries.length, cpuMilli: 0, memoryBytes: 0 };
    for (const entry of entries) {
      const [cpu, memory] = entry.split(' ').map(Number);
      usage.cpuMilli += cpu;
      usage.memoryBytes += memory;
    }
    return usage;
  }
}
