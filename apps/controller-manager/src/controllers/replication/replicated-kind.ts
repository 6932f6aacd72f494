import type { KubeObject, ParsedLabelSelector, PodTemplateSpec, ReplicaSetStatus, ResourceType } from '#api';

/** The fields ReplicaSet and ReplicationController share, which the replication core reads. */
export interface ReplicatedObject extends KubeObject {
  spec?: { replicas?: number; minReadySeconds?: number; template?: PodTemplateSpec; selector?: unknown };
  status?: ReplicaSetStatus;
}

/**
 * What differs between ReplicaSet (apps/v1) and ReplicationController (v1) for the shared
 * controller, as Kubernetes runs RCs through the ReplicaSet controller with a conversion.
 */
export interface ReplicatedKind {
  readonly type: ResourceType;
  /** Names the work queue, the expectations and the logs: "replicaset", "replicationcontroller". */
  readonly controllerName: string;
  /** The event source, as Kubernetes names it: "replicaset-controller", "replication-controller". */
  readonly component: string;
  /** The pod selector; throws ApiError 400 for a selector that cannot be parsed. */
  selectorOf(obj: ReplicatedObject): ParsedLabelSelector;
}
