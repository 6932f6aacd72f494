import type { KubeObject } from '#api';

export interface ServicePort {
  name?: string;
  protocol?: string;
  port: number;
  nodePort?: number;
}

export interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  ports?: ServicePort[];
  allocateLoadBalancerNodePorts?: boolean;
  externalTrafficPolicy?: string;
}

/** A Service's spec, created when missing (the registry hands in objects it owns). */
export function serviceSpec(svc: KubeObject): ServiceSpec {
  return ((svc as { spec?: ServiceSpec }).spec ??= {});
}

/** Every type but ExternalName gets a cluster IP, unless headless (clusterIP None). */
export function needsClusterIP(spec: ServiceSpec): boolean {
  return (spec.type || 'ClusterIP') !== 'ExternalName' && spec.clusterIP !== 'None';
}

/** NodePort services, and LoadBalancer ones unless allocateLoadBalancerNodePorts is false. */
export function needsNodePorts(spec: ServiceSpec): boolean {
  const type = spec.type || 'ClusterIP';
  return type === 'NodePort' || (type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
}
