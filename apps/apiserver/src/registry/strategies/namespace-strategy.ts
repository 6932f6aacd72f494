import type { KubeObject } from '#api';
import { DefaultStrategy } from './resource-strategy.js';

/** The finalizer the namespace controller clears once a deleted namespace is empty. */
export const NAMESPACE_FINALIZER = 'kubernetes';

/**
 * A namespace is Active from creation and carries the "kubernetes" finalizer; spec.finalizers
 * can only change through /finalize afterwards.
 */
export class NamespaceStrategy extends DefaultStrategy {
  constructor() {
    super(true, false);
  }

  override prepareForCreate(obj: KubeObject): void {
    super.prepareForCreate(obj);
    obj.status = { phase: 'Active' };
    const spec = (obj.spec ?? {}) as { finalizers?: string[] };
    if (!spec.finalizers?.includes(NAMESPACE_FINALIZER))
      spec.finalizers = [...(spec.finalizers ?? []), NAMESPACE_FINALIZER];
    obj.spec = spec;
  }

  override prepareForUpdate(next: KubeObject, current: KubeObject): void {
    super.prepareForUpdate(next, current);
    next.spec = structuredClone(current.spec);
  }
}
