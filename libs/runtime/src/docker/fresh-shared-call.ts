/**
 * Shares one call among concurrent callers without ever answering a caller with a result
 * older than its request: a caller that arrives while a call is running waits for it to end
 * and then shares the next one with everyone else who arrived meanwhile. So when 50 pod syncs
 * ask Docker for its container list at once, Docker answers twice, not 50 times, and a sync
 * never misses a container created before it asked (which would make it create another).
 */
export class FreshSharedCall<T> {
  private running?: Promise<T>;
  private queued?: Promise<T>;

  constructor(private readonly call: () => Promise<T>) {}

  run(): Promise<T> {
    if (!this.running) return this.start();
    this.queued ??= this.running
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        this.queued = undefined;
        return this.start();
      });
    return this.queued;
  }

  private start(): Promise<T> {
    const running = this.call().finally(() => {
      if (this.running === running) this.running = undefined;
    });
    this.running = running;
    return running;
  }
}
