import type { DeploymentDto } from '../dto/apps/deployment.dto.js';
import type { ReplicaSetDto } from '../dto/apps/replica-set.dto.js';
import type { EndpointsDto } from '../dto/core/endpoints.dto.js';
import type { NamespaceDto } from '../dto/core/namespace.dto.js';
import type { NodeDto } from '../dto/core/node.dto.js';
import type { PodDto } from '../dto/core/pod.dto.js';
import type { ReplicationControllerDto } from '../dto/core/replication-controller.dto.js';
import type { SecretDto } from '../dto/core/secret.dto.js';
import type { ServiceDto } from '../dto/core/service.dto.js';
import type { PodTemplateSpecDto } from '../dto/core/pod-spec.dto.js';
import type { ResourceType } from '../resources/resource-type.js';
import { defaultPodOnly, defaultPodSpec } from './pod-defaults.js';

const EXTERNALLY_ACCESSIBLE = new Set(['NodePort', 'LoadBalancer']);

/**
 * Fills Kubernetes' defaults into `obj` in place, as the API server does between decoding
 * and validation. Expects the pruned object validateObject returns (fields of the right
 * JSON types); ignores parts it cannot read rather than throwing.
 */
export function applyDefaults(type: ResourceType, obj: unknown): void {
  if (typeof obj !== 'object' || obj === null) return;
  const defaulter = DEFAULTERS[type.kind];
  defaulter?.(obj);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const DEFAULTERS: Record<string, (obj: any) => void> = {
  Pod(pod: PodDto) {
    if (!pod.spec) return;
    defaultPodSpec(pod.spec);
    defaultPodOnly(pod.spec);
  },
  ReplicationController(rc: ReplicationControllerDto) {
    const spec = (rc.spec ??= {});
    const labels = spec.template?.metadata?.labels;
    if (labels) {
      if (!spec.selector || Object.keys(spec.selector).length === 0) spec.selector = { ...labels };
      rc.metadata ??= {};
      if (!rc.metadata.labels || Object.keys(rc.metadata.labels).length === 0) rc.metadata.labels = { ...labels };
    }
    spec.replicas ??= 1;
    defaultTemplate(spec.template);
  },
  ReplicaSet(rs: ReplicaSetDto) {
    if (!rs.spec) return;
    rs.spec.replicas ??= 1;
    defaultTemplate(rs.spec.template);
  },
  Deployment(d: DeploymentDto) {
    if (!d.spec) return;
    const spec = d.spec;
    spec.replicas ??= 1;
    const strategy = (spec.strategy ??= {});
    strategy.type ||= 'RollingUpdate';
    if (strategy.type === 'RollingUpdate') {
      const rolling = (strategy.rollingUpdate ??= {});
      rolling.maxUnavailable ??= '25%';
      rolling.maxSurge ??= '25%';
    }
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    defaultTemplate(spec.template);
  },
  Service(svc: ServiceDto) {
    const spec = (svc.spec ??= {});
    spec.sessionAffinity ||= 'None';
    if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
    else if (spec.sessionAffinity === 'ClientIP') {
      const clientIP = ((spec.sessionAffinityConfig ??= {}).clientIP ??= {}) as { timeoutSeconds?: number };
      clientIP.timeoutSeconds ??= 10800;
    }
    spec.type ||= 'ClusterIP';
    for (const p of spec.ports ?? []) {
      p.protocol ||= 'TCP';
      if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
    }
    if (EXTERNALLY_ACCESSIBLE.has(spec.type)) spec.externalTrafficPolicy ||= 'Cluster';
    if (spec.type !== 'ExternalName') {
      spec.internalTrafficPolicy ??= 'Cluster';
      // Kubernetes' registry sets these on allocation; kubenest is single-stack IPv4.
      spec.ipFamilyPolicy ??= 'SingleStack';
      spec.ipFamilies ??= ['IPv4'];
    }
    if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  },
  Endpoints(ep: EndpointsDto) {
    for (const subset of ep.subsets ?? []) for (const p of subset.ports ?? []) p.protocol ||= 'TCP';
  },
  Secret(secret: SecretDto) {
    secret.type ||= 'Opaque';
  },
  Namespace(ns: NamespaceDto) {
    // As SetDefaults_Namespace(Status): phase and the name label. The "kubernetes" finalizer is
    // the namespace strategy's to add on create only, or a finalize write could never clear it.
    (ns.status ??= {}).phase ||= 'Active';
    if (ns.metadata?.name) (ns.metadata.labels ??= {})['kubernetes.io/metadata.name'] = ns.metadata.name;
  },
  Node(node: NodeDto) {
    const status = node.status;
    if (status?.capacity && !status.allocatable) status.allocatable = { ...status.capacity };
  },
};

function defaultTemplate(template: PodTemplateSpecDto | undefined): void {
  if (template?.spec) defaultPodSpec(template.spec);
}
