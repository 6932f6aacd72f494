import { ApiError, type KubeObject } from '#api';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { ChangeRecord } from './change-record.js';
import { ChangeTailer } from './change-tailer.js';
import { connectRedis } from './connect-redis.js';
import { decodeContinueToken, encodeContinueToken } from './continue-token.js';
import type {
  DeleteOptions,
  ListOptions,
  ListResult,
  Store,
  UpdateOptions,
  WatchOptions,
  WriteOptions,
} from './interfaces/store.js';
import type { Watch } from './interfaces/watch.js';
import { namespaceRange } from './namespace-range.js';
import { allocationArguments, formatAllocationOwner, parseAllocationOwner } from './allocation-arguments.js';
import {
  AllocationConflictError,
  type Allocation,
  type AllocationOwner,
  type AllocationRepair,
} from './interfaces/allocation.js';
import { objectKey } from './object-key.js';
import { loadStoreScripts, type ScriptReply, type StoreScripts } from './script-loader.js';
import { ScriptCode, scriptError } from './script-result.js';
import { StoreKeys } from './store-keys.js';
import type { StoreLogger } from './store-logger.js';
import { StoreWatch, type WatchStart } from './store-watch.js';
import { parseStoredObject, serializeForStorage, withResourceVersion } from './stored-object.js';

export interface RedisStoreOptions {
  /** Approximate length of the change stream, i.e. how far back a watch can resume. */
  changeStreamMaxLen?: number;
  /** Per-watch buffer before a lagging watch is closed (the client resumes from its last rv). */
  watchBufferLimit?: number;
  /** How often an idle watch that allows bookmarks gets one. */
  bookmarkIntervalMs?: number;
  /** Period of the expired-object sweep; 0 disables it (someone else must call expireDue). */
  expirySweepIntervalMs?: number;
  logger?: StoreLogger;
}

/** A stored object as read from its hash. */
interface StoredRow {
  json: string;
  rv: number;
}

const DEFAULTS = {
  changeStreamMaxLen: 100_000,
  watchBufferLimit: 10_000,
  bookmarkIntervalMs: 1_000,
  expirySweepIntervalMs: 5_000,
};
const INDEX_PAGE = 1_000;
const SNAPSHOT_ATTEMPTS = 3;
const EXPIRY_BATCH = 100;

/**
 * Kubernetes storage on Redis; see docs/store.md for the data layout and guarantees.
 *
 * Paginated lists are not snapshots (Kubernetes reads every page at the first page's
 * revision from etcd's MVCC history; Redis keeps only the latest state). Each page reads
 * the objects as they are now, after the key where the previous page stopped, so an
 * object that exists during the whole pagination appears exactly once; objects created
 * or deleted meanwhile may or may not appear; items may be newer than the list's
 * resourceVersion. That resourceVersion is read before any item, so a watch from it
 * replays every change made after it and misses nothing. An unpaginated list (no limit)
 * is an exact snapshot, as is the initial state of a watch.
 */
export class RedisStore implements Store {
  private readonly settings: typeof DEFAULTS;
  private readonly logger: StoreLogger;
  private readonly redis: Redis & StoreScripts;
  private readonly tailer: ChangeTailer;
  private readonly watches = new Set<StoreWatch>();
  private sweepTimer?: NodeJS.Timeout;
  private sweeping = false;
  private closed = false;

  /**
   * Takes ownership of the connection (close() quits it); it must speak RESP2, whose stream
   * replies ChangeRecord parses. Prefer RedisStore.connect, which also checks the eviction policy.
   */
  constructor(redis: Redis, options: RedisStoreOptions = {}) {
    if (redis.options.protocol !== 2)
      throw new Error('RedisStore needs a RESP2 connection (ioredis option protocol: 2)');
    this.settings = { ...DEFAULTS, ...definedOnly(options) };
    this.logger = options.logger ?? pino({ name: 'store' });
    this.redis = loadStoreScripts(redis);
    // Without a listener ioredis prints every reconnect failure to stderr; log them instead.
    redis.on('error', (err: unknown) => this.logger.warn({ err }, 'redis connection error'));
    this.tailer = new ChangeTailer(redis, this.logger);
    if (this.settings.expirySweepIntervalMs > 0) {
      this.sweepTimer = setInterval(() => void this.sweep(), this.settings.expirySweepIntervalMs).unref();
    }
  }

  /**
   * Connects to redis://, rediss:// or unix:// and refuses a Redis that may evict keys. The
   * connection auto-pipelines: the commands that concurrent requests issue in one tick leave
   * in one write, which saves the apiserver and Redis a system call (and a wake-up) each.
   */
  static async connect(url: string, options: RedisStoreOptions = {}): Promise<RedisStore> {
    const logger = options.logger ?? pino({ name: 'store' });
    return new RedisStore(await connectRedis(url, logger, { enableAutoPipelining: true }), { ...options, logger });
  }

  async create(resource: string, obj: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    const { name, keys, argv, allocations } = this.writeArguments(resource, obj, options);
    const reply = await this.redis.kubenestCreate(String(keys.length), ...keys, ...argv, ...allocations.argv);
    if (reply[0] !== ScriptCode.ok) throw writeError(reply, resource, name, allocations.entries);
    return withResourceVersion(obj, reply[1]);
  }

  async get(resource: string, namespace: string, name: string): Promise<KubeObject | undefined> {
    const [json, rv] = await this.redis.hmget(StoreKeys.object(resource, namespace, name), 'obj', 'rv');
    return json === null || rv === null ? undefined : parseStoredObject(json, rv);
  }

  async update(resource: string, obj: KubeObject, options: UpdateOptions = {}): Promise<KubeObject> {
    const { name, keys, argv, allocations } = this.writeArguments(resource, obj, options);
    const reply = await this.redis.kubenestUpdate(
      String(keys.length),
      ...keys,
      ...argv,
      options.expectedResourceVersion ?? '',
      ...allocations.argv,
    );
    if (reply[0] !== ScriptCode.ok && reply[0] !== ScriptCode.unchanged) {
      throw writeError(reply, resource, name, allocations.entries);
    }
    return withResourceVersion(obj, reply[1]);
  }

  /**
   * KEYS and the ARGV that create.lua and update.lua share (update adds the expected
   * resourceVersion before the allocation arguments).
   */
  private writeArguments(resource: string, obj: KubeObject, options: WriteOptions) {
    const { namespace, name } = identify(obj);
    const json = serializeForStorage(obj);
    const allocations = allocationArguments(options.allocations);
    const keys = [...this.scriptKeys(resource, namespace, name), ...allocations.keys];
    const argv = [
      json,
      resource,
      namespace,
      name,
      obj.metadata.uid ?? '',
      String(this.settings.changeStreamMaxLen),
      expiryDeadline(options.ttlSeconds),
    ];
    return { name, keys, argv, allocations };
  }

  async delete(resource: string, namespace: string, name: string, options: DeleteOptions = {}): Promise<KubeObject> {
    const reply = await this.deleteScript(resource, namespace, name, options, '');
    if (reply[0] !== ScriptCode.ok) {
      throw scriptError(reply, resource, name, {
        precondition: true,
        resourceVersion: options.expectedResourceVersion,
        uid: options.expectedUid,
      });
    }
    return parseStoredObject(reply[2], reply[1]);
  }

  async list(resource: string, options: ListOptions = {}): Promise<ListResult> {
    const limit = options.limit && options.limit > 0 ? options.limit : undefined;
    if (limit === undefined && !options.continue) {
      const snapshot = await this.snapshot(resource, options.namespace);
      const items = options.predicate ? snapshot.items.filter(options.predicate) : snapshot.items;
      return { items, resourceVersion: String(snapshot.resourceVersion) };
    }
    return this.listPage(resource, limit ?? Number.POSITIVE_INFINITY, options);
  }

  watch(resource: string | undefined, options: WatchOptions = {}): Watch {
    const start = watchStart(options);
    const watch = new StoreWatch(
      {
        subscribe: (subscriber) => this.tailer.subscribe(subscriber),
        unsubscribe: (subscriber) => this.tailer.unsubscribe(subscriber),
        readChanges: (afterRv, count) => this.readChanges(afterRv, count),
        currentRv: () => this.currentRv(),
        snapshot: (r, ns) => this.snapshot(r, ns),
      },
      { resource, namespace: options.namespace, predicate: options.predicate },
      {
        bufferLimit: this.settings.watchBufferLimit,
        bookmarkIntervalMs: options.allowBookmarks ? this.settings.bookmarkIntervalMs : 0,
        objectType: options.objectType,
      },
      (ended) => this.watches.delete(ended),
    );
    // A watch of a closed store ends at once, as every open watch did when it closed.
    if (this.closed) watch.end('closed');
    else {
      this.watches.add(watch);
      watch.start(start);
    }
    return watch;
  }

  async currentResourceVersion(): Promise<string> {
    return (await this.redis.get(StoreKeys.resourceVersion)) ?? '0';
  }

  /**
   * Deletes objects whose TTL has passed, through the delete script (so the index and a
   * DELETED watch event stay consistent). Safe to run from several processes at once.
   * Returns how many objects it deleted.
   */
  async expireDue(now = Date.now()): Promise<number> {
    let deleted = 0;
    for (;;) {
      const members = await this.redis.zrangebyscore(StoreKeys.expiry, '-inf', now, 'LIMIT', 0, EXPIRY_BATCH);
      for (const member of members) {
        const [resource, namespace, name] = splitExpiryMember(member);
        const reply = await this.deleteScript(resource, namespace, name, {}, String(now));
        if (reply[0] === ScriptCode.ok) deleted++;
        // A member whose object is gone can only be left by hand; drop it so the sweep moves on.
        else if (reply[0] === ScriptCode.notFound) await this.redis.zrem(StoreKeys.expiry, member);
      }
      if (members.length < EXPIRY_BATCH) return deleted;
    }
  }

  async firstFreeAllocation(pool: string, from: number, to: number): Promise<number | undefined> {
    if (to < from) return undefined;
    const bits = StoreKeys.allocationBits(pool);
    // BITPOS looks only inside the string; bits past its end are free.
    const length = (await this.redis.strlen(bits)) * 8;
    if (from >= length) return from;
    const found = await this.redis.bitpos(bits, 0, from, Math.min(to, length - 1), 'BIT');
    if (found >= 0) return found;
    return to >= length ? length : undefined;
  }

  async allocationOwner(pool: string, offset: number): Promise<AllocationOwner | undefined> {
    const holder = await this.redis.hget(StoreKeys.allocationOwners(pool), String(offset));
    return holder === null ? undefined : parseAllocationOwner(holder);
  }

  async allocationOwners(pool: string): Promise<Map<number, AllocationOwner>> {
    const all = await this.redis.hgetall(StoreKeys.allocationOwners(pool));
    return new Map(Object.entries(all).map(([offset, holder]) => [Number(offset), parseAllocationOwner(holder)]));
  }

  async repairAllocation(
    allocation: Allocation,
    owner: AllocationOwner,
    action: 'claim' | 'release',
    resourceVersion: string,
  ): Promise<AllocationRepair> {
    const reply = await this.redis.kubenestRepairAllocation(
      StoreKeys.allocationBits(allocation.pool),
      StoreKeys.allocationOwners(allocation.pool),
      StoreKeys.object(owner.resource, owner.namespace, owner.name),
      String(allocation.offset),
      formatAllocationOwner(owner),
      action,
      resourceVersion,
    );
    if (reply[0] === ScriptCode.resourceVersionConflict) return 'changed';
    if (reply[0] === ScriptCode.allocationConflict) return { heldBy: parseAllocationOwner(reply[1]!) };
    return 'done';
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweepTimer);
    for (const watch of [...this.watches]) watch.end('closed');
    await this.tailer.close();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      await this.expireDue();
    } catch (err) {
      this.logger.warn({ err }, 'expiry sweep failed');
    } finally {
      this.sweeping = false;
    }
  }

  private deleteScript(
    resource: string,
    namespace: string,
    name: string,
    options: DeleteOptions,
    expiredBy: string,
  ): Promise<ScriptReply> {
    const released = allocationArguments({ release: options.release });
    const keys = [...this.scriptKeys(resource, namespace, name), ...released.keys];
    return this.redis.kubenestDelete(
      String(keys.length),
      ...keys,
      resource,
      namespace,
      name,
      String(this.settings.changeStreamMaxLen),
      options.expectedResourceVersion ?? '',
      options.expectedUid ?? '',
      expiredBy,
      ...released.argv,
    );
  }

  private scriptKeys(resource: string, namespace: string, name: string): string[] {
    return [
      StoreKeys.object(resource, namespace, name),
      StoreKeys.index(resource),
      StoreKeys.resourceVersion,
      StoreKeys.changes,
      StoreKeys.expiry,
    ];
  }

  private async currentRv(): Promise<number> {
    return Number(await this.currentResourceVersion());
  }

  /** One page: reads index keys after the token's key until `limit` objects match. */
  private async listPage(resource: string, limit: number, options: ListOptions): Promise<ListResult> {
    const range = namespaceRange(options.namespace);
    const position = options.continue ? decodeContinueToken(options.continue) : undefined;
    if (position && options.namespace !== undefined && !position.lastKey.startsWith(`${options.namespace}/`)) {
      throw ApiError.badRequest('continue key is not valid: it belongs to another namespace');
    }
    // Read before any item, so that a watch from it replays whatever the items miss.
    const resourceVersion = position?.resourceVersion ?? (await this.currentResourceVersion());
    const items: KubeObject[] = [];
    let lastExamined = position?.lastKey;
    let exhausted = false;
    while (items.length < limit && !exhausted) {
      const want = Math.min(INDEX_PAGE, options.predicate ? INDEX_PAGE : limit - items.length);
      const start = lastExamined === undefined ? range.min : `(${lastExamined}`;
      const keys = await this.redis.zrangebylex(StoreKeys.index(resource), start, range.max, 'LIMIT', 0, want);
      exhausted = keys.length < want;
      const rows = await this.readRows(resource, keys);
      for (let i = 0; i < keys.length && items.length < limit; i++) {
        lastExamined = keys[i];
        const row = rows[i];
        if (!row) continue; // deleted since the index was read
        const obj = parseStoredObject(row.json, String(row.rv));
        if (!options.predicate || options.predicate(obj)) items.push(obj);
      }
    }
    if (lastExamined === undefined) return { items, resourceVersion };
    const remaining = await this.redis.zlexcount(StoreKeys.index(resource), `(${lastExamined}`, range.max);
    if (remaining === 0) return { items, resourceVersion };
    return {
      items,
      resourceVersion,
      continue: encodeContinueToken({ resourceVersion, lastKey: lastExamined }),
      ...(options.predicate ? {} : { remainingItemCount: remaining }),
    };
  }

  /**
   * Every object in scope at one resourceVersion. Redis has no MVCC, so it reads the
   * current objects (each at its own rv, all <= `after`), then replays the change stream
   * from `before` to `after` onto them, skipping changes an object read already reflects:
   * the result is the exact state at `after`.
   */
  private async snapshot(
    resource: string | undefined,
    namespace: string | undefined,
  ): Promise<{ items: KubeObject[]; resourceVersion: number }> {
    for (let attempt = 1; ; attempt++) {
      const before = await this.currentRv();
      const rows = new Map<string, StoredRow>();
      for (const r of resource === undefined ? await this.allResources() : [resource]) {
        await this.readScope(r, namespace, rows);
      }
      const after = await this.currentRv();
      if (await this.applyChanges(rows, resource, namespace, before, after)) {
        const keys = [...rows.keys()].sort();
        return {
          items: keys.map((k) => parseStoredObject(rows.get(k)!.json, String(rows.get(k)!.rv))),
          resourceVersion: after,
        };
      }
      if (attempt === SNAPSHOT_ATTEMPTS) {
        throw ApiError.internal(
          'the change stream was trimmed while a consistent list was read; raise changeStreamMaxLen',
        );
      }
    }
  }

  /** Reads every object of one resource in a namespace into rows, keyed resource + member. */
  private async readScope(
    resource: string,
    namespace: string | undefined,
    rows: Map<string, StoredRow>,
  ): Promise<void> {
    const range = namespaceRange(namespace);
    let start = range.min;
    for (;;) {
      const keys = await this.redis.zrangebylex(StoreKeys.index(resource), start, range.max, 'LIMIT', 0, INDEX_PAGE);
      const read = await this.readRows(resource, keys);
      keys.forEach((key, i) => read[i] && rows.set(snapshotKey(resource, key), read[i]));
      if (keys.length < INDEX_PAGE) return;
      start = `(${keys[keys.length - 1]}`;
    }
  }

  /** Applies changes in (before, after] to rows; false if part of that history was trimmed. */
  private async applyChanges(
    rows: Map<string, StoredRow>,
    resource: string | undefined,
    namespace: string | undefined,
    before: number,
    after: number,
  ): Promise<boolean> {
    let lastRv = before;
    while (lastRv < after) {
      const { changes } = await this.readChanges(lastRv, INDEX_PAGE);
      if (changes.length === 0 || changes[0].resourceVersion !== lastRv + 1) return false;
      for (const change of changes) {
        if (change.resourceVersion > after) return true;
        lastRv = change.resourceVersion;
        if (resource !== undefined && change.resource !== resource) continue;
        if (namespace !== undefined && change.namespace !== namespace) continue;
        const key = snapshotKey(change.resource, objectKey(change.namespace, change.name));
        const row = rows.get(key);
        if (row && row.rv >= change.resourceVersion) continue; // the read already reflects it
        if (change.type === 'DELETED') rows.delete(key);
        else rows.set(key, { json: change.objectJson, rv: change.resourceVersion });
      }
    }
    return true;
  }

  /** Storage names that have an index, for watches over every resource. */
  private async allResources(): Promise<string[]> {
    const prefix = StoreKeys.index('');
    const names: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(
        cursor,
        'MATCH',
        `${prefix.replace(/[{}[\]*?\\]/g, '\\$&')}*`,
        'COUNT',
        1000,
      );
      cursor = next;
      for (const key of keys) names.push(key.slice(prefix.length));
    } while (cursor !== '0');
    return names;
  }

  /** Objects for index members, in order; undefined where the object is gone. */
  private async readRows(resource: string, keys: string[]): Promise<(StoredRow | undefined)[]> {
    if (keys.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const key of keys) {
      const slash = key.indexOf('/');
      pipeline.hmget(StoreKeys.object(resource, key.slice(0, slash), key.slice(slash + 1)), 'obj', 'rv');
    }
    const results = (await pipeline.exec()) ?? [];
    return results.map(([err, value]) => {
      if (err) throw err;
      const [json, rv] = value as (string | null)[];
      return json === null || rv === null ? undefined : { json, rv: Number(rv) };
    });
  }

  /** Up to `count` changes after `afterRv` plus the counter, in one MULTI so they agree. */
  private async readChanges(afterRv: number, count: number): Promise<{ changes: ChangeRecord[]; currentRv: number }> {
    const results = await this.redis
      .multi()
      .xrange(StoreKeys.changes, String(afterRv + 1), '+', 'COUNT', count)
      .get(StoreKeys.resourceVersion)
      .exec();
    if (!results) throw ApiError.internal('change stream read was aborted');
    const [[rangeErr, entries], [rvErr, rv]] = results;
    if (rangeErr) throw rangeErr;
    if (rvErr) throw rvErr;
    return { changes: (entries as unknown[]).map((e) => ChangeRecord.fromStreamEntry(e)), currentRv: Number(rv ?? 0) };
  }
}

function identify(obj: KubeObject): { namespace: string; name: string } {
  const name = obj.metadata?.name;
  if (!name) throw ApiError.badRequest('metadata.name: Required value: name or generateName is required');
  return { namespace: obj.metadata.namespace ?? '', name };
}

function expiryDeadline(ttlSeconds: number | undefined): string {
  if (ttlSeconds === undefined) return '';
  if (!(ttlSeconds > 0)) throw ApiError.internal(`ttlSeconds must be positive, got ${ttlSeconds}`);
  return String(Date.now() + Math.round(ttlSeconds * 1000));
}

function splitExpiryMember(member: string): [resource: string, namespace: string, name: string] {
  const first = member.indexOf('/');
  const second = member.indexOf('/', first + 1);
  return [member.slice(0, first), member.slice(first + 1, second), member.slice(second + 1)];
}

/** Rows of a snapshot over several resources need the resource in their key. */
function snapshotKey(resource: string, member: string): string {
  return `${resource}\u0000${member}`;
}

function watchStart(options: WatchOptions): WatchStart {
  const rv = options.resourceVersion ?? '';
  if (rv !== '' && !/^\d+$/.test(rv)) throw ApiError.badRequest(`invalid resource version "${rv}"`);
  const fromState = rv === '' || rv === '0';
  if (options.sendInitialEvents === true) return { initialEvents: true, announceEnd: true };
  if (options.sendInitialEvents === undefined && fromState) return { initialEvents: true, announceEnd: false };
  // sendInitialEvents=false from "" or "0": changes from now on (KEP-3157).
  return fromState ? { initialEvents: false } : { initialEvents: false, afterRv: Number(rv) };
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A failed write: an allocation held by another object, or the store's usual errors. */
function writeError(reply: ScriptReply, resource: string, name: string, allocations: Allocation[]): Error {
  if (reply[0] === ScriptCode.allocationConflict)
    return new AllocationConflictError(allocations[Number(reply[1]) - 1]!);
  return scriptError(reply, resource, name, { precondition: false });
}
