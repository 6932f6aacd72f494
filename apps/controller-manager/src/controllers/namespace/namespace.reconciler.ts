import type { Namespace, ResourceType } from '#api';
import type { ApiClient, EventRecorder, Informer } from '#client';
import type { ReconcileResult, Reconciler } from '#reconcile';
import { deleteNamespaceContent } from './delete-namespace-content.js';
import { NAMESPACE_FINALIZER } from './namespace-finalizer.js';

/** Event reasons, as kube's namespace controller names them. */
const CONTENT_FAILURE = 'NamespaceDeletionContentFailure';
const FINALIZED = 'NamespaceFinalized';

/** Between passes over a namespace that still has content: long enough for grace periods to run. */
const MIN_RECHECK_MS = 1_000;
const MAX_RECHECK_MS = 15_000;

export interface NamespaceReconcilerOptions {
  client: ApiClient;
  namespaces: Informer<Namespace>;
  recorder: Pick<EventRecorder, 'event'>;
  contentTypes: readonly ResourceType[];
  namespaceType: ResourceType;
}

/**
 * kube's namespace controller: a namespace with a deletionTimestamp has its content deleted,
 * is looked at again until empty, then loses the "kubernetes" spec finalizer through
 * /finalize, after which the apiserver removes it.
 */
export class NamespaceReconciler implements Reconciler {
  readonly name = 'namespace';

  constructor(private readonly options: NamespaceReconcilerOptions) {}

  async reconcile(name: string): Promise<ReconcileResult> {
    const { client, namespaces, recorder } = this.options;
    const ns = namespaces.get(undefined, name);
    const finalizers = ns?.spec?.finalizers ?? [];
    if (!ns?.metadata.deletionTimestamp || !finalizers.includes(NAMESPACE_FINALIZER)) return;

    let remaining;
    try {
      remaining = await deleteNamespaceContent(client, this.options.contentTypes, name);
    } catch (error) {
      recorder.event(ns, 'Warning', CONTENT_FAILURE, `could not delete content: ${(error as Error).message}`);
      throw error;
    }
    if (remaining.count > 0) {
      const waitMs = remaining.podGraceSeconds * 1000;
      return { requeueAfterMs: Math.min(MAX_RECHECK_MS, Math.max(MIN_RECHECK_MS, waitMs)) };
    }

    const finalized: Namespace = {
      ...ns,
      spec: { ...ns.spec, finalizers: finalizers.filter((f) => f !== NAMESPACE_FINALIZER) },
    };
    await client.update(this.options.namespaceType, finalized, { subresource: 'finalize' });
    recorder.event(ns, 'Normal', FINALIZED, 'all content deleted; namespace finalized');
  }
}
