import type { ResourceType } from '../resources/resource-type.js';
import type { DtoClass } from './decorators/dto-metadata.js';
import { DeploymentDto } from './apps/deployment.dto.js';
import { ReplicaSetDto } from './apps/replica-set.dto.js';
import { TokenReviewDto } from './authentication/token-review.dto.js';
import { LeaseDto } from './coordination/lease.dto.js';
import { EndpointSliceDto } from './discovery/endpoint-slice.dto.js';
import { ConfigMapDto } from './core/config-map.dto.js';
import { EndpointsDto } from './core/endpoints.dto.js';
import { EventDto } from './core/event.dto.js';
import { NamespaceDto } from './core/namespace.dto.js';
import { NodeDto } from './core/node.dto.js';
import { PodDto } from './core/pod.dto.js';
import { ReplicationControllerDto } from './core/replication-controller.dto.js';
import { SecretDto } from './core/secret.dto.js';
import { ServiceDto } from './core/service.dto.js';
import { LogQueryDto } from './logging/log-query.dto.js';
import { NodeMetricsDto, PodMetricsDto } from './metrics/resource-metrics.dto.js';

/** The top-level DTO of every built-in kind, keyed by "apiVersion/kind". */
export const KIND_DTOS: ReadonlyMap<string, DtoClass> = new Map<string, DtoClass>([
  ['v1/Namespace', NamespaceDto],
  ['v1/Node', NodeDto],
  ['v1/Pod', PodDto],
  ['v1/Service', ServiceDto],
  ['v1/Endpoints', EndpointsDto],
  ['v1/ReplicationController', ReplicationControllerDto],
  ['v1/ConfigMap', ConfigMapDto],
  ['v1/Secret', SecretDto],
  ['v1/Event', EventDto],
  ['coordination.k8s.io/v1/Lease', LeaseDto],
  ['discovery.k8s.io/v1/EndpointSlice', EndpointSliceDto],
  ['apps/v1/ReplicaSet', ReplicaSetDto],
  ['apps/v1/Deployment', DeploymentDto],
  ['authentication.k8s.io/v1/TokenReview', TokenReviewDto],
  ['metrics.k8s.io/v1beta1/NodeMetrics', NodeMetricsDto],
  ['metrics.k8s.io/v1beta1/PodMetrics', PodMetricsDto],
  ['logging.kubenest.io/v1alpha1/LogQuery', LogQueryDto],
]);

/** The DTO class of a kind; throws for a kind without one (a programming error, not bad input). */
export function dtoFor(type: Pick<ResourceType, 'group' | 'version' | 'kind'>): DtoClass {
  const key = `${type.group ? `${type.group}/` : ''}${type.version}/${type.kind}`;
  const dto = KIND_DTOS.get(key);
  if (!dto) throw new Error(`no DTO registered for ${key}`);
  return dto;
}
