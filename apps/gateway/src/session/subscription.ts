/** A running subscription of one client (watch, logs or metrics), ended by `stop`/`unwatch` or disconnect. */
export interface Subscription {
  readonly id: string;
  stop(): void;
  /** The client's buffer overflowed and was dropped. */
  overflowed(): void;
  /** The client's buffer is empty again. */
  drained(): void;
}
