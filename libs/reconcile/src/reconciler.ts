/**
 * A level-triggered reconciler, as kubernetes/sample-controller's sync handler: it gets
 * only a key, re-reads current state from its informers, and moves actual toward desired.
 * Return nothing when done, `{ requeueAfterMs }` to look again later (deadlines, backoffs);
 * throw for a transient error, which retries the key with exponential backoff. A key whose
 * object is gone is done, not an error; an invalid spec is recorded (event/condition) and done.
 */
export type ReconcileResult = void | { requeueAfterMs: number };

export interface Reconciler {
  /** Names the queue, the metrics and the logs: "replicaset", "deployment", "scheduler" ... */
  readonly name: string;
  reconcile(key: string): Promise<ReconcileResult>;
}

/** "namespace/name", or "name" for cluster-scoped objects, as client-go's MetaNamespaceKeyFunc. */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function splitObjectKey(key: string): { namespace: string | undefined; name: string } {
  const slash = key.indexOf('/');
  return slash < 0
    ? { namespace: undefined, name: key }
    : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
