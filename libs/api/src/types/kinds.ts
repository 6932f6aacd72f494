import type { DeploymentDto, DeploymentSpecDto, DeploymentStatusDto } from '../dto/apps/deployment.dto.js';
import type { ReplicaSetDto, ReplicaSetSpecDto, ReplicaSetStatusDto } from '../dto/apps/replica-set.dto.js';
import type { LeaseDto } from '../dto/coordination/lease.dto.js';
import type { EndpointSliceDto } from '../dto/discovery/endpoint-slice.dto.js';
import type { ConfigMapDto } from '../dto/core/config-map.dto.js';
import type { ContainerDto } from '../dto/core/container.dto.js';
import type { EndpointsDto } from '../dto/core/endpoints.dto.js';
import type { EventDto } from '../dto/core/event.dto.js';
import type { NamespaceDto } from '../dto/core/namespace.dto.js';
import type { NodeDto } from '../dto/core/node.dto.js';
import type { PodSpecDto, PodTemplateSpecDto } from '../dto/core/pod-spec.dto.js';
import type { ContainerStatusDto, PodConditionDto, PodStatusDto } from '../dto/core/pod-status.dto.js';
import type { PodDto } from '../dto/core/pod.dto.js';
import type { ReplicationControllerDto } from '../dto/core/replication-controller.dto.js';
import type { SecretDto } from '../dto/core/secret.dto.js';
import type { ServiceDto, ServicePortDto, ServiceSpecDto } from '../dto/core/service.dto.js';
import type { LabelSelectorDto } from '../dto/meta/label-selector.dto.js';

/**
 * Plain-object types of the API kinds, derived from the DTO classes (the one schema source).
 * A mapped type rather than the class itself, so that a Pod is assignable to KubeObject,
 * whose index signature a class type would not satisfy.
 */
export type Shape<T> = { [K in keyof T]: T[K] };

export type Namespace = Shape<NamespaceDto>;
export type Node = Shape<NodeDto>;
export type Pod = Shape<PodDto>;
export type PodSpec = Shape<PodSpecDto>;
export type PodStatus = Shape<PodStatusDto>;
export type PodCondition = Shape<PodConditionDto>;
export type PodTemplateSpec = Shape<PodTemplateSpecDto>;
export type Container = Shape<ContainerDto>;
export type ContainerStatus = Shape<ContainerStatusDto>;
export type Service = Shape<ServiceDto>;
export type ServiceSpec = Shape<ServiceSpecDto>;
export type ServicePort = Shape<ServicePortDto>;
export type Endpoints = Shape<EndpointsDto>;
export type ReplicationController = Shape<ReplicationControllerDto>;
export type ConfigMap = Shape<ConfigMapDto>;
export type Secret = Shape<SecretDto>;
export type Event = Shape<EventDto>;
export type Lease = Shape<LeaseDto>;
export type EndpointSlice = Shape<EndpointSliceDto>;
export type ReplicaSet = Shape<ReplicaSetDto>;
export type ReplicaSetSpec = Shape<ReplicaSetSpecDto>;
export type ReplicaSetStatus = Shape<ReplicaSetStatusDto>;
export type Deployment = Shape<DeploymentDto>;
export type DeploymentSpec = Shape<DeploymentSpecDto>;
export type DeploymentStatus = Shape<DeploymentStatusDto>;
export type LabelSelector = Shape<LabelSelectorDto>;
