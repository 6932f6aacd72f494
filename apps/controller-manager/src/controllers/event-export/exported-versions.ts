import type { Redis } from 'ioredis';

/** Which resourceVersion of each event is already in the index, shared by every controller-manager process. */
export interface ExportedVersions {
  get(uid: string): Promise<string | undefined>;
  set(uid: string, resourceVersion: string): Promise<void>;
}

/**
 * Kept a day: longer than the default event TTL (1 h), so an informer relist or a resync within
 * an event's life never writes it again; a marker that expired first costs one idempotent rewrite.
 */
const MARKER_TTL_SECONDS = 24 * 3600;

export class RedisExportedVersions implements ExportedVersions {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = '{kubenest}:event-export:',
  ) {}

  async get(uid: string): Promise<string | undefined> {
    return (await this.redis.get(this.prefix + uid)) ?? undefined;
  }

  async set(uid: string, resourceVersion: string): Promise<void> {
    await this.redis.set(this.prefix + uid, resourceVersion, 'EX', MARKER_TTL_SECONDS);
  }
}
