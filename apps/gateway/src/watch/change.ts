import type { KubeObject } from '#api';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One upstream change as the shared watch saw it, with the object's state before it (for filters). */
export interface Change {
  type: ChangeType;
  object: KubeObject;
  previous: KubeObject | undefined;
  resourceVersion: string;
}

/** What a client receives in `changes`. */
export interface ClientEvent {
  type: ChangeType;
  object: KubeObject;
}
