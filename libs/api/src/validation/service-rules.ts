import type { FieldError } from '../errors/field-error.js';
import type { ServiceDto } from '../dto/core/service.dto.js';
import { appendAll, child, fieldErrors, index } from './field-errors.js';
import {
  dns1123LabelErrors,
  dns1123SubdomainErrors,
  IP_MESSAGE,
  isValidIP,
  isValidPortNumber,
  PORT_RANGE_MESSAGE,
  portNameErrors,
} from './name-rules.js';
import { validateLabels } from './object-meta-rules.js';

/** Longest ClientIP session affinity (Kubernetes' MaxClientIPServiceAffinitySeconds, one day). */
const MAX_CLIENT_IP_TIMEOUT = 86400;

/** ValidateService: ports, names, type-specific fields. nodePort ranges are the allocator's job. */
export function validateService(svc: ServiceDto): FieldError[] {
  const spec = svc.spec ?? {};
  const errors: FieldError[] = [];
  const type = spec.type ?? 'ClusterIP';
  const ports = spec.ports ?? [];
  if (type === 'ExternalName') {
    if (!spec.externalName) errors.push(fieldErrors.required('spec.externalName'));
    else
      for (const msg of dns1123SubdomainErrors(spec.externalName.replace(/\.$/, '')))
        errors.push(fieldErrors.invalid('spec.externalName', spec.externalName, msg));
  } else if (ports.length === 0 && spec.clusterIP !== 'None') {
    errors.push(fieldErrors.required('spec.ports'));
  }
  const headless = spec.clusterIP === 'None';
  if (headless && (type === 'NodePort' || type === 'LoadBalancer')) {
    errors.push(fieldErrors.invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${type} services`));
  }
  if (type !== 'ExternalName' && spec.clusterIPs?.length) {
    if (!spec.clusterIP)
      errors.push(
        fieldErrors.invalid('spec.clusterIPs', spec.clusterIPs, 'must be empty when `clusterIP` is not specified'),
      );
    else if (spec.clusterIPs[0] !== spec.clusterIP)
      errors.push(fieldErrors.invalid('spec.clusterIPs', spec.clusterIPs, 'first value must match `clusterIP`'));
    if (spec.clusterIPs.length > 1)
      errors.push(
        fieldErrors.invalid('spec.clusterIPs', spec.clusterIPs, 'may only hold one address on a single-stack cluster'),
      );
  }
  const names = new Set<string>();
  const portKeys = new Set<string>();
  const nodePortKeys = new Set<string>();
  ports.forEach((p, i) => {
    const at = index('spec.ports', i);
    if (ports.length > 1 && !p.name) errors.push(fieldErrors.required(child(at, 'name')));
    if (p.name) {
      for (const msg of dns1123LabelErrors(p.name)) errors.push(fieldErrors.invalid(child(at, 'name'), p.name, msg));
      if (names.has(p.name)) errors.push(fieldErrors.duplicate(child(at, 'name'), p.name));
      names.add(p.name);
    }
    if (!isValidPortNumber(p.port)) errors.push(fieldErrors.invalid(child(at, 'port'), p.port, PORT_RANGE_MESSAGE));
    if (typeof p.targetPort === 'number') {
      if (!isValidPortNumber(p.targetPort))
        errors.push(fieldErrors.invalid(child(at, 'targetPort'), p.targetPort, PORT_RANGE_MESSAGE));
    } else if (p.targetPort !== undefined && p.targetPort !== '') {
      for (const msg of portNameErrors(p.targetPort))
        errors.push(fieldErrors.invalid(child(at, 'targetPort'), p.targetPort, msg));
    }
    const portKey = `${p.port}/${p.protocol ?? 'TCP'}`;
    if (portKeys.has(portKey)) errors.push(fieldErrors.duplicate(at, { port: p.port, protocol: p.protocol ?? 'TCP' }));
    portKeys.add(portKey);
    if (p.nodePort !== undefined && p.nodePort !== 0 && (type === 'ClusterIP' || type === 'ExternalName')) {
      errors.push(fieldErrors.forbidden(child(at, 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
    } else if (p.nodePort) {
      if (!isValidPortNumber(p.nodePort))
        errors.push(fieldErrors.invalid(child(at, 'nodePort'), p.nodePort, PORT_RANGE_MESSAGE));
      const nodePortKey = `${p.nodePort}/${p.protocol ?? 'TCP'}`;
      if (nodePortKeys.has(nodePortKey)) errors.push(fieldErrors.duplicate(child(at, 'nodePort'), p.nodePort));
      nodePortKeys.add(nodePortKey);
    }
  });
  if (spec.clusterIP && spec.clusterIP !== 'None' && !isValidIP(spec.clusterIP)) {
    errors.push(fieldErrors.invalid('spec.clusterIP', spec.clusterIP, IP_MESSAGE));
  }
  (spec.externalIPs ?? []).forEach((ip, i) => {
    if (!isValidIP(ip)) errors.push(fieldErrors.invalid(index('spec.externalIPs', i), ip, IP_MESSAGE));
  });
  if (spec.externalTrafficPolicy && (type === 'ClusterIP' || type === 'ExternalName')) {
    errors.push(
      fieldErrors.invalid(
        'spec.externalTrafficPolicy',
        spec.externalTrafficPolicy,
        'may only be set for externally-accessible services',
      ),
    );
  }
  const timeout = (spec.sessionAffinityConfig?.clientIP as { timeoutSeconds?: unknown } | undefined)?.timeoutSeconds;
  if (spec.sessionAffinity === 'ClientIP' && timeout !== undefined) {
    if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout <= 0 || timeout > MAX_CLIENT_IP_TIMEOUT)
      errors.push(
        fieldErrors.invalid(
          'spec.sessionAffinityConfig.clientIP.timeoutSeconds',
          timeout,
          `must be greater than 0 and less than ${MAX_CLIENT_IP_TIMEOUT}`,
        ),
      );
  }
  appendAll(errors, validateLabels(spec.selector, 'spec.selector'));
  return errors;
}
