/**
 * The kubelet's per-key exponential backoff (client-go flowcontrol.Backoff) on an injected
 * clock: `next` doubles the delay from `initialMs` up to `maxMs`, measured from the event
 * that caused it (a container's finish, an image pull's failure); a key left alone for
 * twice `maxMs` starts over, which is how a container that ran 10 minutes gets a fresh
 * 10 s back-off.
 */
export class Backoff {
  private readonly entries = new Map<string, { delayMs: number; lastUpdate: number }>();

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current delay of `key` (0 when it has none). */
  delayMs(key: string): number {
    return this.entries.get(key)?.delayMs ?? 0;
  }

  /** Records another failure at `eventTime`; the delay grows unless the key had expired. */
  next(key: string, eventTime: number): void {
    const entry = this.entries.get(key);
    if (!entry || this.expired(entry.lastUpdate, eventTime)) {
      this.entries.set(key, { delayMs: this.initialMs, lastUpdate: eventTime });
    } else {
      this.entries.set(key, { delayMs: Math.min(entry.delayMs * 2, this.maxMs), lastUpdate: eventTime });
    }
  }

  /** True while less than the key's delay has passed since `eventTime`. */
  isInBackoffSince(key: string, eventTime: number): boolean {
    const entry = this.entries.get(key);
    if (!entry || this.expired(entry.lastUpdate, eventTime)) return false;
    return this.now() - eventTime < entry.delayMs;
  }

  /** True while less than the key's delay has passed since its last failure (image pulls). */
  isInBackoff(key: string): boolean {
    const entry = this.entries.get(key);
    return entry !== undefined && this.isInBackoffSince(key, entry.lastUpdate);
  }

  /** Milliseconds until the back-off since `eventTime` ends (0 when not in back-off). */
  remainingMs(key: string, eventTime: number): number {
    if (!this.isInBackoffSince(key, eventTime)) return 0;
    return eventTime + this.delayMs(key) - this.now();
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  /** Drops keys whose prefix is not kept (pods that are gone). */
  forgetExcept(keep: (key: string) => boolean): void {
    for (const key of this.entries.keys()) if (!keep(key)) this.entries.delete(key);
  }

  private expired(lastUpdate: number, eventTime: number): boolean {
    return eventTime - lastUpdate > 2 * this.maxMs;
  }
}
