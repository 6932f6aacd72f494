import type { Logger } from 'pino';
import type { ApiserverConnection } from '../upstream/apiserver-connection.js';
import type { ServedResource } from '../upstream/served-resource.js';
import { SharedWatch } from './shared-watch.js';

interface Entry {
  watch: SharedWatch;
  users: number;
  idleTimer?: NodeJS.Timeout;
}

export interface SharedWatchPoolOptions {
  replayEvents: number;
  /** An unused shared watch is kept this long, so clients reconnecting soon resume from memory. */
  lingerMs: number;
  logger: Logger;
}

/** One SharedWatch per (resource, namespace scope), counted by users and stopped a while after the last leaves. */
export class SharedWatchPool {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly apiserver: ApiserverConnection,
    private readonly options: SharedWatchPoolOptions,
  ) {}

  /** The shared watch, synced; call release() when done with it. */
  async acquire(type: ServedResource, namespace: string | undefined): Promise<SharedWatch> {
    const scope = type.namespaced ? namespace : undefined;
    const key = `${type.group}/${type.version}/${type.resource}|${scope ?? ''}`;
    let entry = this.entries.get(key);
    if (!entry) {
      const watch = new SharedWatch(this.apiserver, type, scope, this.options);
      entry = { watch, users: 0 };
      this.entries.set(key, entry);
    }
    entry.users++;
    clearTimeout(entry.idleTimer);
    const held = entry;
    try {
      await held.watch.run();
    } catch (error) {
      // A watch that never synced is not kept: the next subscriber tries afresh.
      if (this.entries.get(key) === held) this.entries.delete(key);
      throw error;
    }
    return held.watch;
  }

  release(watch: SharedWatch): void {
    for (const [key, entry] of this.entries) {
      if (entry.watch !== watch) continue;
      if (--entry.users > 0) return;
      entry.idleTimer = setTimeout(() => {
        if (entry.users > 0) return;
        this.entries.delete(key);
        watch.stop();
      }, this.options.lingerMs);
      entry.idleTimer.unref();
      return;
    }
  }

  /** Upstream watches open now, by resource (for /metrics). */
  countsByResource(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const entry of this.entries.values()) {
      const name = entry.watch.type.resource;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return counts;
  }

  stopAll(): void {
    for (const entry of this.entries.values()) {
      clearTimeout(entry.idleTimer);
      entry.watch.stop();
    }
    this.entries.clear();
  }
}
