import type { KubeObject } from '#api';
import { DefaultStrategy } from './resource-strategy.js';

/** A namespace is Active from creation; spec.finalizers can only change through /finalize. */
export class NamespaceStrategy extends DefaultStrategy {
  constructor() {
    super(true, false);
  }

  override prepareForCreate(obj: KubeObject): void {
    super.prepareForCreate(obj);
    obj.status = { phase: 'Active' };
  }

  override prepareForUpdate(next: KubeObject, current: KubeObject): void {
    super.prepareForUpdate(next, current);
    next.spec = structuredClone(current.spec);
  }
}
