import { spawnSync } from 'node:child_process';

/**
 * The process listening on a loopback TCP port (from `ss -Htlnp`), to read its CPU time
 * from /proc; undefined when ss is missing or shows no owner.
 */
export function listeningPid(port: number): number | undefined {
  const out = spawnSync('ss', ['-Htlnp', `sport = :${port}`], { encoding: 'utf8' }).stdout ?? '';
  const pid = /pid=(\d+)/.exec(out)?.[1];
  return pid ? Number(pid) : undefined;
}
