import { ApiError } from '#api';
import type { Store } from '#store';

/**
 * The NamespaceLifecycle admission plugin: content may only be created in a namespace
 * that exists and is not being deleted.
 */
export class NamespaceLifecycle {
  constructor(private readonly store: Store) {}

  async admitCreate(namespace: string): Promise<void> {
    const ns = await this.store.get('namespaces', '', namespace);
    if (!ns) throw ApiError.notFound({ kind: 'namespaces', name: namespace });
    if (ns.metadata.deletionTimestamp) {
      throw ApiError.forbidden(
        `unable to create new content in namespace ${namespace} because it is being terminated`,
        {
          kind: 'namespaces',
          name: namespace,
        },
      );
    }
  }
}
