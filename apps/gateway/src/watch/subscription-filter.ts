import { parseFieldSelector, parseLabelSelector, type KubeObject } from '#api';
import type { Change, ClientEvent } from './change.js';

/**
 * A subscription's label and field selectors, applied by the gateway to a shared watch's
 * changes. As Kubernetes' watch cache does, an object that starts matching is ADDED for
 * this subscriber and one that stops matching is DELETED, so a filtered client list never
 * keeps an object it should drop. Parsing throws ApiError 400, as the apiserver would.
 */
export class SubscriptionFilter {
  private readonly label;
  private readonly field;

  constructor(
    kind: string,
    readonly labelSelector = '',
    readonly fieldSelector = '',
  ) {
    this.label = labelSelector ? parseLabelSelector(labelSelector) : undefined;
    this.field = fieldSelector ? parseFieldSelector(kind, fieldSelector) : undefined;
  }

  get selective(): boolean {
    return this.label !== undefined || this.field !== undefined;
  }

  matches(obj: KubeObject): boolean {
    return (!this.label || this.label.matches(obj.metadata.labels)) && (!this.field || this.field.matches(obj));
  }

  /** The event this subscriber sees for `change`, or undefined when none. */
  eventFor(change: Change): ClientEvent | undefined {
    if (!this.selective) return { type: change.type, object: change.object };
    const now = this.matches(change.object);
    if (change.type !== 'MODIFIED') return now ? { type: change.type, object: change.object } : undefined;
    const before = change.previous !== undefined && this.matches(change.previous);
    if (now) return { type: before ? 'MODIFIED' : 'ADDED', object: change.object };
    return before ? { type: 'DELETED', object: change.object } : undefined;
  }
}
