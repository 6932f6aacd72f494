import type { FieldError } from '../errors/field-error.js';
import type { EndpointsDto } from '../dto/core/endpoints.dto.js';
import type { EventDto } from '../dto/core/event.dto.js';
import type { NodeDto } from '../dto/core/node.dto.js';
import type { LeaseDto } from '../dto/coordination/lease.dto.js';
import { parseQuantity } from '../quantity/quantity.js';
import { child, fieldErrors, index, key } from './field-errors.js';
import {
  CIDR_MESSAGE,
  IP_MESSAGE,
  isValidCIDR,
  isValidIP,
  isValidPortNumber,
  PORT_RANGE_MESSAGE,
  qualifiedNameErrors,
} from './name-rules.js';

export function validateNode(node: NodeDto): FieldError[] {
  const errors: FieldError[] = [];
  const spec = node.spec ?? {};
  const cidrs = [
    ...(spec.podCIDR ? [['spec.podCIDR', spec.podCIDR]] : []),
    ...(spec.podCIDRs ?? []).map((c, i) => [index('spec.podCIDRs', i), c]),
  ];
  for (const [path, cidr] of cidrs) if (!isValidCIDR(cidr)) errors.push(fieldErrors.invalid(path, cidr, CIDR_MESSAGE));
  const seen = new Set<string>();
  (spec.taints ?? []).forEach((t, i) => {
    const at = index('spec.taints', i);
    for (const msg of qualifiedNameErrors(t.key)) errors.push(fieldErrors.invalid(child(at, 'key'), t.key, msg));
    const id = `${t.key}:${t.effect}`;
    if (seen.has(id)) errors.push(fieldErrors.duplicate(at, { key: t.key, effect: t.effect }));
    seen.add(id);
  });
  for (const section of ['capacity', 'allocatable'] as const) {
    for (const [name, raw] of Object.entries(node.status?.[section] ?? {})) {
      try {
        if (parseQuantity(raw).isNegative())
          errors.push(
            fieldErrors.invalid(key(`status.${section}`, name), String(raw), 'must be greater than or equal to 0'),
          );
      } catch {
        // reported by the structural walk
      }
    }
  }
  return errors;
}

export function validateEndpoints(ep: EndpointsDto): FieldError[] {
  const errors: FieldError[] = [];
  (ep.subsets ?? []).forEach((subset, i) => {
    const at = index('subsets', i);
    for (const list of ['addresses', 'notReadyAddresses'] as const) {
      (subset[list] ?? []).forEach((a, j) => {
        if (!isValidIP(a.ip))
          errors.push(fieldErrors.invalid(child(index(child(at, list), j), 'ip'), a.ip, IP_MESSAGE));
      });
    }
    (subset.ports ?? []).forEach((p, j) => {
      if (!isValidPortNumber(p.port))
        errors.push(fieldErrors.invalid(child(index(child(at, 'ports'), j), 'port'), p.port, PORT_RANGE_MESSAGE));
    });
  });
  return errors;
}

/** ValidateEvent (core/v1): the involved object's namespace must be the event's own. */
export function validateEvent(event: EventDto): FieldError[] {
  const errors: FieldError[] = [];
  const ns = event.involvedObject?.namespace;
  if (ns && event.metadata?.namespace && ns !== event.metadata.namespace) {
    errors.push(fieldErrors.invalid('involvedObject.namespace', ns, 'does not match event.namespace'));
  }
  if (event.count !== undefined && event.count < 0)
    errors.push(fieldErrors.invalid('count', event.count, 'must be greater than or equal to 0'));
  return errors;
}

export function validateLease(lease: LeaseDto): FieldError[] {
  const errors: FieldError[] = [];
  const spec = lease.spec ?? {};
  if (spec.leaseDurationSeconds !== undefined && spec.leaseDurationSeconds <= 0) {
    errors.push(fieldErrors.invalid('spec.leaseDurationSeconds', spec.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (spec.leaseTransitions !== undefined && spec.leaseTransitions < 0) {
    errors.push(
      fieldErrors.invalid('spec.leaseTransitions', spec.leaseTransitions, 'must be greater than or equal to 0'),
    );
  }
  return errors;
}
