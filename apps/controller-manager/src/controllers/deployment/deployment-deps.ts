import type { Deployment, Pod, ReplicaSet } from '#api';
import type { ApiClient, EventRecorder, Informer } from '#client';
import type { Expectations } from '#reconcile';

/** What the deployment reconciler reads and writes through; tests pass fakes. */
export interface DeploymentDeps {
  client: ApiClient;
  deployments: Informer<Deployment>;
  replicaSets: Informer<ReplicaSet>;
  pods: Informer<Pod>;
  recorder: Pick<EventRecorder, 'event'>;
  /** Records each write's resourceVersion so the next reconcile waits for caches that have it. */
  expectations?: Pick<Expectations, 'expect'>;
  /** The clock of conditions and the progress deadline. */
  now?: () => Date;
}
