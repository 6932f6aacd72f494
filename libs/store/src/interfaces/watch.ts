import type { WatchEvent } from '#api';

/**
 * Why a watch ended. "overflow": the consumer fell too far behind and the store closed
 * the watch after delivering what it had buffered (kube-apiserver does the same to
 * unresponsive watchers); resume from the last resourceVersion seen.
 */
export type WatchEndReason = 'stopped' | 'overflow' | 'expired' | 'error' | 'closed';

/** A running watch: iterate its events; stop() ends the iteration. */
export interface Watch extends AsyncIterable<WatchEvent> {
  stop(): void;
  /** Set once the watch has ended. */
  readonly endReason: WatchEndReason | undefined;
}
