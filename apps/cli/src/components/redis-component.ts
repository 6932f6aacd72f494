import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ComponentSpec } from '../supervisor/component-spec.js';
import { redisAnswersPing, redisCommand } from '../probes/redis-command.js';

// sun_path holds 108 bytes including the terminating NUL.
const MAX_SOCKET_PATH_BYTES = 107;

export interface RedisComponent {
  spec: ComponentSpec;
  socketPath: string;
  /** unix:///abs/path/redis.sock, for REDIS_URL. */
  url: string;
}

/**
 * <dataDir>/redis/redis.sock, or, when that path is too long for a unix socket, one under the
 * temp dir named by a hash of the data dir, so each data dir keeps its own stable socket.
 */
export function redisSocketPath(dataDir: string): string {
  const preferred = join(dataDir, 'redis', 'redis.sock');
  if (Buffer.byteLength(preferred) <= MAX_SOCKET_PATH_BYTES) return preferred;
  const digest = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  return join(tmpdir(), `kubenest-${digest}`, 'redis.sock');
}

/**
 * A redis-server of the cluster's own: data in <dataDir>/redis with AOF (fsync every second,
 * RDB preamble for fast restarts), RDB snapshots off since the AOF is the record, noeviction
 * because losing cluster state to memory pressure is never acceptable, and no TCP port:
 * only the apiserver on this machine talks to it, through a 0700 unix socket.
 */
export function redisComponent(dataDir: string, readyTimeoutMs = 30_000): RedisComponent {
  const dir = join(dataDir, 'redis');
  const socketPath = redisSocketPath(dataDir);
  const pidFile = join(dir, 'redis.pid');
  const spec: ComponentSpec = {
    name: 'redis',
    command: 'redis-server',
    // One directive and its value per line.
    // prettier-ignore
    args: [
      '--port', '0',
      '--unixsocket', socketPath,
      '--unixsocketperm', '700',
      '--dir', dir,
      '--pidfile', pidFile,
      '--daemonize', 'no',
      '--appendonly', 'yes',
      '--appendfsync', 'everysec',
      '--aof-use-rdb-preamble', 'yes',
      '--save', '',
      '--maxmemory-policy', 'noeviction',
      '--loglevel', 'notice',
    ],
    async preflight() {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await mkdir(join(socketPath, '..'), { recursive: true, mode: 0o700 });
      // A Redis left over from an `up` that was killed would share our AOF: refuse, and say which.
      if (await redisAnswersPing(socketPath)) {
        const pid = existsSync(pidFile) ? readFileSync(pidFile, 'utf8').trim() : 'unknown';
        throw new Error(
          `a redis-server (pid ${pid}) already serves ${socketPath}; is another \`kubenest up\` using ${dataDir}? Stop it first.`,
        );
      }
    },
    readiness: { description: `PING on ${socketPath}`, check: () => redisAnswersPing(socketPath) },
    readyTimeoutMs,
    // SHUTDOWN (rather than a signal) so Redis flushes and fsyncs the AOF before it exits;
    // an error reply makes the supervisor fall back to SIGTERM.
    async stop() {
      const reply = await redisCommand(socketPath, ['SHUTDOWN']);
      if (reply?.startsWith('-')) throw new Error(reply.slice(1));
    },
    stopTimeoutMs: 30_000,
  };
  return { spec, socketPath, url: `unix://${socketPath}` };
}
