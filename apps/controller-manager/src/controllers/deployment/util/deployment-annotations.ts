/** Annotation keys Kubernetes' deployment controller and kubectl read and write (pkg/controller/deployment/util). */
export const DEPLOYMENT_ANNOTATIONS = {
  revision: 'deployment.kubernetes.io/revision',
  /** Earlier revisions of an RS that became new again (a rollback), comma-separated. */
  revisionHistory: 'deployment.kubernetes.io/revision-history',
  /** spec.replicas of the Deployment when it last sized this RS: a mismatch is a scaling event. */
  desiredReplicas: 'deployment.kubernetes.io/desired-replicas',
  /** spec.replicas + maxSurge at that time: the denominator of proportional scaling. */
  maxReplicas: 'deployment.kubernetes.io/max-replicas',
  changeCause: 'kubernetes.io/change-cause',
  lastAppliedConfiguration: 'kubectl.kubernetes.io/last-applied-configuration',
  rollbackTo: 'deprecated.deployment.rollback.to',
} as const;
