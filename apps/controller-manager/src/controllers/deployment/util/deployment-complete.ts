import type { Deployment, DeploymentStatus } from '#api';

/** DeploymentComplete: every replica updated and available, and the status is of the current spec. */
export function deploymentComplete(d: Deployment, status: DeploymentStatus): boolean {
  const replicas = d.spec?.replicas ?? 1;
  return (
    (status.updatedReplicas ?? 0) === replicas &&
    (status.replicas ?? 0) === replicas &&
    (status.availableReplicas ?? 0) === replicas &&
    (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}
