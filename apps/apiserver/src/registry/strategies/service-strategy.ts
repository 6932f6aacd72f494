import type { KubeObject } from '#api';
import { needsClusterIP, needsNodePorts, serviceSpec, type ServiceSpec } from '../services/service-shape.js';
import type { ObjectAllocator } from './object-allocator.js';
import { DefaultStrategy } from './resource-strategy.js';

/**
 * Kubernetes' service strategy: status apart from spec, clusterIP and clusterIPs kept in
 * step, allocated values carried over when an update leaves them out (`kubectl apply` of a
 * manifest without clusterIP), and values of a type that no longer needs them dropped.
 */
export class ServiceStrategy extends DefaultStrategy {
  constructor(readonly allocator: ObjectAllocator) {
    super(true);
  }

  override prepareForCreate(obj: KubeObject): void {
    super.prepareForCreate(obj);
    const spec = serviceSpec(obj);
    if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
    if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
  }

  override prepareForUpdate(next: KubeObject, current: KubeObject): void {
    super.prepareForUpdate(next, current);
    const spec = serviceSpec(next);
    const was = serviceSpec(structuredClone(current));
    carryAllocatedValues(spec, was);
    // A changed clusterIP with clusterIPs left as they were moves clusterIPs[0] along, so
    // validation reports the change on clusterIPs as Kubernetes does.
    if (spec.clusterIP && spec.clusterIPs?.length && spec.clusterIP !== was.clusterIP) {
      if (JSON.stringify(spec.clusterIPs) === JSON.stringify(was.clusterIPs)) spec.clusterIPs[0] = spec.clusterIP;
    }
    if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
    dropTypeDependentFields(spec, was);
  }
}

/** patchAllocatedValues: the cluster IP and node ports (matched by port name) the update left empty. */
function carryAllocatedValues(spec: ServiceSpec, was: ServiceSpec): void {
  if (needsClusterIP(was) && needsClusterIP(spec)) {
    spec.clusterIP ||= was.clusterIP;
    if (!spec.clusterIPs?.length && spec.clusterIP === was.clusterIP && was.clusterIPs) {
      spec.clusterIPs = [...was.clusterIPs];
    }
  }
  if (needsNodePorts(was) && needsNodePorts(spec)) {
    const usedByNew = new Set((spec.ports ?? []).map((p) => p.nodePort).filter(Boolean));
    const byName = new Map((was.ports ?? []).map((p) => [p.name ?? '', p.nodePort]));
    for (const p of spec.ports ?? []) {
      const previous = byName.get(p.name ?? '');
      if (!p.nodePort && previous && !usedByNew.has(previous)) p.nodePort = previous;
    }
  }
}

/**
 * dropTypeDependentFields: a type change drops what only the old type used, when the
 * update still carries the old values (the user did not set them on purpose).
 */
function dropTypeDependentFields(spec: ServiceSpec, was: ServiceSpec): void {
  if (needsClusterIP(was) && !needsClusterIP(spec) && spec.clusterIP !== 'None') {
    if (!spec.clusterIP || spec.clusterIP === was.clusterIP) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
      delete spec.ipFamilies;
      delete spec.ipFamilyPolicy;
    }
  }
  if (needsNodePorts(was) && !needsNodePorts(spec)) {
    const previous = new Map((was.ports ?? []).map((p) => [p.name ?? '', p.nodePort]));
    for (const p of spec.ports ?? []) if (p.nodePort && p.nodePort === previous.get(p.name ?? '')) delete p.nodePort;
  }
  const external = (s: ServiceSpec) => (s.type || 'ClusterIP') === 'NodePort' || s.type === 'LoadBalancer';
  if (external(was) && !external(spec) && spec.externalTrafficPolicy === was.externalTrafficPolicy) {
    delete spec.externalTrafficPolicy;
  }
}
