import { randomInt } from 'node:crypto';
import { ApiError, fieldErrors, type FieldError, type KubeObject } from '#api';
import type { Allocation, Store } from '#store';
import { allocationKey, type AllocationPlan, type ObjectAllocator } from '../strategies/object-allocator.js';
import type { AllocationRange } from './allocation-range.js';
import type { NodePortRange } from './node-port-range.js';
import type { ServiceIPRange } from './service-ip-range.js';
import { needsClusterIP, needsNodePorts, serviceSpec, type ServiceSpec } from './service-shape.js';

const RESOURCE = 'services';

/**
 * Cluster IPs and node ports of Services, as kube-apiserver's service REST allocates them:
 * a requested value must be in range and free, anything left empty is picked from the
 * dynamic band. The store claims the plan inside the Service's write, so two apiservers can
 * never hand one value to two Services; a pick that loses that race is planned again.
 */
export class ServiceAllocator implements ObjectAllocator {
  constructor(
    private readonly store: Store,
    readonly ips: ServiceIPRange,
    readonly nodePorts: NodePortRange,
  ) {}

  held(svc: KubeObject): Allocation[] {
    const spec = serviceSpec(structuredClone(svc));
    const held: Allocation[] = [];
    if (needsClusterIP(spec)) {
      for (const ip of spec.clusterIPs?.length ? spec.clusterIPs : [spec.clusterIP ?? '']) {
        const offset = this.ips.offsetOf(ip);
        if (offset !== undefined) held.push({ pool: this.ips.pool, offset });
      }
    }
    for (const p of spec.ports ?? []) {
      const offset = p.nodePort ? this.nodePorts.offsetOf(p.nodePort) : undefined;
      if (offset !== undefined) held.push({ pool: this.nodePorts.pool, offset });
    }
    return dedupe(held);
  }

  async plan(next: KubeObject, current: KubeObject | undefined): Promise<AllocationPlan> {
    const spec = serviceSpec(next);
    const name = next.metadata.name!;
    this.assertSingleStack(spec, name);
    const before = new Set((current ? this.held(current) : []).map(allocationKey));
    const plan: AllocationPlan = { claim: [], release: [], requested: new Map() };
    const chosen = new Set<string>();
    const take = (allocation: Allocation, requested?: FieldError) => {
      const key = allocationKey(allocation);
      if (before.has(key) || chosen.has(key)) return;
      chosen.add(key);
      plan.claim.push(allocation);
      if (requested) plan.requested.set(key, requested);
    };

    if (needsClusterIP(spec)) {
      if (!spec.clusterIP) {
        const offset = await this.pick(this.ips, chosen, 'serviceIP');
        spec.clusterIP = this.ips.valueAt(offset);
        spec.clusterIPs = [spec.clusterIP];
        take({ pool: this.ips.pool, offset });
      } else {
        const ip = spec.clusterIP;
        const field = 'spec.clusterIPs';
        const shown = spec.clusterIPs ?? [ip];
        const offset = this.ips.offsetOf(ip);
        const invalid = (why: string) => fieldErrors.invalid(field, shown, `failed to allocate IP ${ip}: ${why}`);
        if (offset === undefined) {
          throw serviceInvalid(name, [
            invalid(`the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.ips.text}`),
          ]);
        }
        const allocation = { pool: this.ips.pool, offset };
        if (!before.has(allocationKey(allocation))) await this.assertFree(allocation, next, invalid(ALLOCATED_IP));
        take(allocation, invalid(ALLOCATED_IP));
      }
    }

    if (needsNodePorts(spec)) {
      for (const [i, port] of (spec.ports ?? []).entries()) {
        if (port.nodePort) {
          const field = `spec.ports[${i}].nodePort`;
          const offset = this.nodePorts.offsetOf(port.nodePort);
          if (offset === undefined) {
            throw serviceInvalid(name, [
              fieldErrors.invalid(
                field,
                port.nodePort,
                `provided port is not in the valid range. The range of valid ports is ${this.nodePorts.text}`,
              ),
            ]);
          }
          const allocation = { pool: this.nodePorts.pool, offset };
          const taken = fieldErrors.invalid(field, port.nodePort, ALLOCATED_PORT);
          if (!before.has(allocationKey(allocation)) && !chosen.has(allocationKey(allocation))) {
            await this.assertFree(allocation, next, taken);
          }
          take(allocation, taken);
        } else {
          const offset = await this.pick(this.nodePorts, chosen, 'nodePort');
          port.nodePort = this.nodePorts.valueAt(offset);
          take({ pool: this.nodePorts.pool, offset });
        }
      }
    }

    const after = new Set(this.held(next).map(allocationKey));
    for (const allocation of current ? this.held(current) : []) {
      if (!after.has(allocationKey(allocation))) plan.release.push(allocation);
    }
    return plan;
  }

  /** kubenest serves single-stack IPv4 (Kubernetes' answer for a family the cluster lacks). */
  private assertSingleStack(spec: ServiceSpec, name: string): void {
    const errors: FieldError[] = [];
    (spec.ipFamilies ?? []).forEach((family, i) => {
      if (family !== 'IPv4')
        errors.push(
          fieldErrors.invalid(`spec.ipFamilies[${i}]`, family, `ipfamily ${family} is not configured on cluster`),
        );
    });
    if (spec.ipFamilyPolicy === 'RequireDualStack') {
      errors.push(
        fieldErrors.invalid(
          'spec.ipFamilyPolicy',
          spec.ipFamilyPolicy,
          'this cluster is not configured for dual-stack services',
        ),
      );
    }
    if (errors.length > 0) throw serviceInvalid(name, errors);
  }

  /** Fails early (and for dryRun) on a value another Service holds; the store's claim is what decides. */
  private async assertFree(allocation: Allocation, svc: KubeObject, taken: FieldError): Promise<void> {
    const holder = await this.store.allocationOwner(allocation.pool, allocation.offset);
    const self = holder?.namespace === svc.metadata.namespace && holder?.name === svc.metadata.name;
    if (holder && !self) throw serviceInvalid(svc.metadata.name!, [taken]);
  }

  /**
   * A free offset: from a random point of the dynamic band to its end, then the rest of the
   * band, then the static band below it (Kubernetes' random scan with offset).
   */
  private async pick<V>(range: AllocationRange<V>, chosen: Set<string>, what: string): Promise<number> {
    const start = randomInt(range.dynamicStart, range.lastOffset + 1);
    const spans: [number, number][] = [
      [start, range.lastOffset],
      [range.dynamicStart, start - 1],
      [range.firstOffset, range.dynamicStart - 1],
    ];
    for (const [spanStart, to] of spans) {
      let from = spanStart;
      while (from <= to) {
        const found = await this.store.firstFreeAllocation(range.pool, from, to);
        if (found === undefined) break;
        if (!chosen.has(allocationKey({ pool: range.pool, offset: found }))) return found;
        from = found + 1;
      }
    }
    throw ApiError.internal(`failed to allocate a ${what}: range is full`);
  }
}

const ALLOCATED_IP = 'provided IP is already allocated';
const ALLOCATED_PORT = 'provided port is already allocated';

export function serviceInvalid(name: string, errors: FieldError[]): ApiError {
  return ApiError.invalid({ kind: RESOURCE, kindName: 'Service', group: '', name }, errors);
}

function dedupe(allocations: Allocation[]): Allocation[] {
  const seen = new Map(allocations.map((a) => [allocationKey(a), a]));
  return [...seen.values()];
}
