import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';

type Reply = (string | number)[];

export interface LedgerScripts {
  schedReserve(...keysThenArgv: (string | number)[]): Promise<Reply>;
  schedRelease(...keysThenArgv: (string | number)[]): Promise<Reply>;
  schedReconcileNode(...keysThenArgv: (string | number)[]): Promise<Reply>;
  schedForgetNode(...keysThenArgv: (string | number)[]): Promise<Reply>;
}

const SCRIPTS = [
  ['schedReserve', 'reserve', 5],
  ['schedRelease', 'release', 2],
  ['schedReconcileNode', 'reconcile-node', 4],
  ['schedForgetNode', 'forget-node', 4],
] as const;

// tsc does not copy .lua files: from dist/ they are read in the source tree.
const DIRS = [
  new URL('../scripts/', import.meta.url),
  new URL('../../../../../apps/scheduler/src/scripts/', import.meta.url),
];

/** Registers the ledger's Lua scripts on a connection (EVALSHA, EVAL after a Redis restart). */
export function loadLedgerScripts(redis: Redis): Redis & LedgerScripts {
  const dir = DIRS.find((d) => existsSync(fileURLToPath(new URL('reserve.lua', d))));
  if (!dir) throw new Error(`scheduler Lua scripts not found in ${DIRS.map((d) => fileURLToPath(d)).join(' or ')}`);
  for (const [command, file, numberOfKeys] of SCRIPTS) {
    redis.defineCommand(command, { lua: readFileSync(new URL(`${file}.lua`, dir), 'utf8'), numberOfKeys });
  }
  return redis as Redis & LedgerScripts;
}
