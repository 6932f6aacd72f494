import type { KubeObject } from '#api';
import type { ObjectAllocator } from './object-allocator.js';

/**
 * Per-kind rules that Kubernetes keeps in each kind's registry "strategy": what a
 * create may set, what an update of the main resource may change.
 */
export interface ResourceStrategy {
  /** Kinds with a status subresource: writes to the main resource never change status. */
  readonly hasStatusSubresource: boolean;
  /** Kinds whose metadata.generation counts spec changes. */
  readonly tracksGeneration: boolean;
  /** Objects of this kind expire this long after their last write (Events), or never. */
  readonly ttlSeconds?: number;
  /** Kinds whose objects hold values of a shared pool (Services: cluster IPs, node ports). */
  readonly allocator?: ObjectAllocator;
  prepareForCreate(obj: KubeObject): void;
  prepareForUpdate(next: KubeObject, current: KubeObject): void;
}

/** The default: status is reset on create and kept on update when a status subresource exists. */
export class DefaultStrategy implements ResourceStrategy {
  constructor(
    readonly hasStatusSubresource: boolean,
    readonly tracksGeneration = hasStatusSubresource,
  ) {}

  prepareForCreate(obj: KubeObject): void {
    if (this.hasStatusSubresource) delete obj.status;
  }

  prepareForUpdate(next: KubeObject, current: KubeObject): void {
    if (!this.hasStatusSubresource) return;
    if (current.status === undefined) delete next.status;
    else next.status = structuredClone(current.status);
  }
}
