/** Condition reasons and event reasons of Kubernetes' deployment controller, verbatim (kubectl matches on some). */
export const DEPLOYMENT_REASONS = {
  minimumReplicasAvailable: 'MinimumReplicasAvailable',
  minimumReplicasUnavailable: 'MinimumReplicasUnavailable',
  newReplicaSetCreated: 'NewReplicaSetCreated',
  foundNewReplicaSet: 'FoundNewReplicaSet',
  replicaSetUpdated: 'ReplicaSetUpdated',
  newReplicaSetAvailable: 'NewReplicaSetAvailable',
  /** `kubectl rollout status` exits 1 on this reason. */
  progressDeadlineExceeded: 'ProgressDeadlineExceeded',
  deploymentPaused: 'DeploymentPaused',
  deploymentResumed: 'DeploymentResumed',
  replicaSetCreateError: 'ReplicaSetCreateError',
  /** Events. */
  scalingReplicaSet: 'ScalingReplicaSet',
  failedCreate: 'FailedCreate',
  selectingAll: 'SelectingAll',
} as const;
