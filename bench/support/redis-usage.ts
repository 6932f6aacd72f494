import type { Redis } from 'ioredis';
import { connectRedis } from '#store';

/** What Redis spent over a phase: its own CPU and the commands (scripts by name where known) that took it. */
export interface RedisUsage {
  /** used_cpu_user + used_cpu_sys of the server (main thread and its helpers). */
  cpuSeconds: number;
  /** Per command, calls and microseconds inside Redis, most expensive first. */
  commands: { command: string; calls: number; usec: number }[];
}

/**
 * Reads Redis' own accounting (INFO cpu and INFO commandstats) at the start of a phase; the
 * returned function reads it again and returns the difference. EVALSHA time includes the
 * commands the script runs, which are counted under their own names as well.
 */
export async function redisUsageSince(url: string): Promise<() => Promise<RedisUsage>> {
  const redis = await connectRedis(url, { warn: () => undefined, error: () => undefined });
  const before = await readStats(redis);
  return async () => {
    const after = await readStats(redis);
    redis.disconnect();
    const commands = [...after.commands]
      .map(([command, now]) => {
        const then = before.commands.get(command) ?? { calls: 0, usec: 0 };
        return { command, calls: now.calls - then.calls, usec: now.usec - then.usec };
      })
      .filter((c) => c.calls > 0)
      .sort((a, b) => b.usec - a.usec);
    return { cpuSeconds: after.cpuSeconds - before.cpuSeconds, commands };
  };
}

async function readStats(redis: Redis) {
  const cpu = parseInfo(await redis.info('cpu'));
  const commands = new Map<string, { calls: number; usec: number }>();
  for (const [key, value] of parseInfo(await redis.info('commandstats'))) {
    const calls = /calls=(\d+)/.exec(value)?.[1];
    const usec = /usec=(\d+)/.exec(value)?.[1];
    if (calls && usec) commands.set(key.replace(/^cmdstat_/, ''), { calls: Number(calls), usec: Number(usec) });
  }
  return { cpuSeconds: Number(cpu.get('used_cpu_user')) + Number(cpu.get('used_cpu_sys')), commands };
}

function parseInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0 && !line.startsWith('#')) fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}
