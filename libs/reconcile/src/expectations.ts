import type { Redis } from 'ioredis';
import type { CaughtUpInformer } from './caught-up-informer.js';
import { readLuaScript } from '#store';

export interface ExpectationsOptions {
  /** The controller's name: expectations of different controllers never mix. */
  name: string;
  /** How long awaitCaughtUp waits for the informers before giving up (the key is then requeued). */
  timeoutMs?: number;
  /** How long an expectation is kept after its last write. */
  ttlMs?: number;
}

type RaiseScript = (key: string, rv: string, ttlMs: number) => Promise<number>;

/**
 * Read-your-writes for a key whose reconciles move between processes.
 *
 * Example: process A reconciles ReplicaSet "default/web" (3 replicas, 0 pods), creates three
 * pods, the last create answering resourceVersion 1042, and calls expect("default/web", "1042").
 * The key is added again (a pod event) and a worker on process B takes it. B's pod informer
 * is at 1039: it has not seen A's creates and would count 0 pods and create three more.
 * awaitCaughtUp("default/web", [podInformer]) waits until that informer reaches 1042, so B
 * counts 3 pods and does nothing; if it does not catch up within timeoutMs it answers false
 * and the caller requeues the key instead of acting on the stale cache.
 *
 * The resourceVersion is a cluster-wide counter (the store's), so "the informer is at or past
 * 1042" means it reflects every write up to and including A's, whatever kind it watches.
 */
export class Expectations {
  private readonly timeoutMs: number;
  private readonly ttlMs: number;
  private readonly raise: RaiseScript;

  constructor(
    private readonly redis: Redis,
    private readonly options: ExpectationsOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    const command = `kubenestRaiseExpectedVersion`;
    if (!(command in redis))
      redis.defineCommand(command, {
        lua: readLuaScript('libs/reconcile/src/scripts', 'raise-expected-version'),
        numberOfKeys: 1,
      });
    const bound = (redis as unknown as Record<string, RaiseScript>)[command].bind(redis);
    this.raise = (key, rv, ttlMs) => bound(this.redisKey(key), rv, ttlMs);
  }

  /** Records that a reconcile of `key` wrote `resourceVersion`; keeps the highest seen. */
  async expect(key: string, resourceVersion: string): Promise<void> {
    await this.raise(key, resourceVersion, this.ttlMs);
  }

  /** The resourceVersion the next reconcile of `key` must see, if any. */
  async expected(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.redisKey(key))) ?? undefined;
  }

  /** True once every informer has reached the key's expected resourceVersion (at once if none); false on timeout. */
  async awaitCaughtUp(key: string, informers: readonly CaughtUpInformer[]): Promise<boolean> {
    const rv = await this.expected(key);
    if (rv === undefined) return true;
    const caughtUp = await Promise.all(
      informers.map((informer) => informer.waitForResourceVersion(rv, this.timeoutMs)),
    );
    return caughtUp.every(Boolean);
  }

  private redisKey(key: string): string {
    return `{kubenest}:expectations:${this.options.name}:${key}`;
  }
}
