import { DefaultStrategy } from './resource-strategy.js';

/**
 * Events are history, not state: each expires eventTtlSeconds after its last write (a
 * deduplicated event's update restarts the clock), so they never grow the store for good.
 */
export class EventStrategy extends DefaultStrategy {
  constructor(readonly ttlSeconds: number) {
    super(false, false);
  }
}
