import type { GatewayClient } from '../connection/gateway-client.js';
import { RESOURCES, type ResourceName } from '../api/resources.js';
import { WatchCache } from './watch-cache.js';

interface Entry {
  cache: WatchCache;
  users: number;
  unwatch: () => void;
  linger?: ReturnType<typeof setTimeout>;
}

/** How long a watch outlives its last view: going back and forth between views shows data at once. */
const LINGER_MS = 60_000;

/**
 * Watches shared between views: two views of pods in the same namespace read one cache over
 * one subscription, which ends a minute after the last view lets go of it.
 */
export class WatchRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly client: GatewayClient) {}

  /** `namespace` undefined: all namespaces (or a cluster-scoped resource). */
  acquire(resource: ResourceName, namespace: string | undefined): { cache: WatchCache; release: () => void } {
    const type = RESOURCES[resource];
    const scope = type.namespaced ? namespace : undefined;
    const key = `${resource}/${scope ?? '*'}`;
    let entry = this.entries.get(key);
    if (!entry) {
      const cache = new WatchCache();
      const unwatch = this.client.watch(
        { resource: type.resource, group: type.group, version: type.version, namespace: scope },
        cache,
      );
      entry = { cache, users: 0, unwatch };
      this.entries.set(key, entry);
    }
    entry.users++;
    clearTimeout(entry.linger);
    const held = entry;
    let released = false;
    return {
      cache: held.cache,
      release: () => {
        if (released) return;
        released = true;
        if (--held.users > 0) return;
        held.linger = setTimeout(() => {
          if (held.users > 0) return;
          held.unwatch();
          this.entries.delete(key);
        }, LINGER_MS);
      },
    };
  }
}
