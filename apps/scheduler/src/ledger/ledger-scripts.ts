import type { Redis } from 'ioredis';
import { readLuaScript } from '#store';

type Reply = (string | number)[];

export interface LedgerScripts {
  schedReserve(...keysThenArgv: (string | number)[]): Promise<Reply>;
  schedRelease(...keysThenArgv: (string | number)[]): Promise<Reply>;
  schedReconcileNode(...keysThenArgv: (string | number)[]): Promise<Reply>;
  schedForgetNode(...keysThenArgv: (string | number)[]): Promise<Reply>;
}

const SCRIPTS = [
  ['schedReserve', 'reserve', 6],
  ['schedRelease', 'release', 3],
  ['schedReconcileNode', 'reconcile-node', 4],
  ['schedForgetNode', 'forget-node', 4],
] as const;

/** Registers the ledger's Lua scripts on a connection (EVALSHA, EVAL after a Redis restart). */
export function loadLedgerScripts(redis: Redis): Redis & LedgerScripts {
  for (const [command, file, numberOfKeys] of SCRIPTS) {
    redis.defineCommand(command, { lua: readLuaScript('apps/scheduler/src/scripts', file), numberOfKeys });
  }
  return redis as Redis & LedgerScripts;
}
