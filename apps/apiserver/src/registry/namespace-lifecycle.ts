import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError, type KubeObject } from '#api';
import type { Store } from '#store';

/** What admission knows of one namespace, and the resourceVersion it learnt it from. */
interface NamespaceState {
  /** Undefined for a deleted namespace: kept so that an older event cannot bring it back. */
  terminating?: boolean;
  resourceVersion: number;
}

/** Before watching again after the watch ended on its own (history lost, store error). */
const REWATCH_DELAY_MS = 1_000;

/**
 * The NamespaceLifecycle admission plugin: content may only be created in a namespace
 * that exists and is not being deleted. As kube-apiserver's, it answers from a cache of
 * namespaces kept by a watch, so a create costs no extra read, and reads the store only for
 * a namespace the cache does not hold (created a moment ago, or before the watch caught up):
 * the cache is trusted to say yes or "terminating", never "does not exist".
 *
 * Namespaces this apiserver writes are recorded at once (observe), so its clients never see
 * the cache behind their own write; a change made through another apiserver arrives with the
 * watch, a few milliseconds later, the window kube-apiserver has too (the namespace
 * controller deletes whatever slipped in before it finalizes).
 */
export class NamespaceLifecycle {
  private readonly states = new Map<string, NamespaceState>();
  private watching = false;

  constructor(private readonly store: Store) {}

  async admitCreate(namespace: string): Promise<void> {
    if (!this.watching) this.startWatching();
    const terminating = this.states.get(namespace)?.terminating ?? (await this.lookUp(namespace));
    if (terminating) {
      throw ApiError.forbidden(
        `unable to create new content in namespace ${namespace} because it is being terminated`,
        { kind: 'namespaces', name: namespace },
      );
    }
  }

  /** A namespace as this apiserver just wrote it (deleted: the object the delete returned). */
  observe(namespace: KubeObject, deleted: boolean): void {
    const { name } = namespace.metadata;
    if (name === undefined) return;
    const resourceVersion = Number(namespace.metadata.resourceVersion);
    const known = this.states.get(name);
    // Events and writes can arrive out of order: only a newer version replaces what is known.
    if (known && known.resourceVersion >= resourceVersion) return;
    this.states.set(
      name,
      deleted
        ? { resourceVersion }
        : { terminating: namespace.metadata.deletionTimestamp !== undefined, resourceVersion },
    );
  }

  private async lookUp(name: string): Promise<boolean> {
    const namespace = await this.store.get('namespaces', '', name);
    if (!namespace) throw ApiError.notFound({ kind: 'namespaces', name });
    this.observe(namespace, false);
    return namespace.metadata.deletionTimestamp !== undefined;
  }

  /** Started by the first create, so an apiserver that serves no namespaced create keeps no watch. */
  private startWatching(): void {
    this.watching = true;
    void this.follow();
  }

  /** Watches namespaces from a full initial state until the store closes, watching again when a watch ends. */
  private async follow(): Promise<void> {
    for (;;) {
      const watch = this.store.watch('namespaces', { sendInitialEvents: true });
      // What is not in the new initial state was deleted while no watch ran.
      this.states.clear();
      for await (const event of watch) {
        if (event.type === 'ADDED' || event.type === 'MODIFIED' || event.type === 'DELETED') {
          this.observe(event.object, event.type === 'DELETED');
        }
      }
      if (watch.endReason === 'closed' || watch.endReason === 'stopped') return;
      await sleep(REWATCH_DELAY_MS, undefined, { ref: false });
    }
  }
}
