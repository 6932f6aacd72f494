import type { Redis } from 'ioredis';
import { readLuaScript } from './read-lua-script.js';

/** Replies of the write scripts: a return code first (see the script headers). */
export type ScriptReply = [code: number, ...rest: string[]];

/** The scripts, as registered on a connection by loadStoreScripts. */
export interface StoreScripts {
  kubenestCreate(...keysThenArgv: string[]): Promise<ScriptReply>;
  kubenestUpdate(...keysThenArgv: string[]): Promise<ScriptReply>;
  kubenestDelete(...keysThenArgv: string[]): Promise<ScriptReply>;
  kubenestRepairAllocation(...keysThenArgv: string[]): Promise<ScriptReply>;
}

/** KEYS shared by every write script, in this order. */
export type StoreScriptKeys = [object: string, index: string, counter: string, changes: string, expiry: string];

const SCRIPTS = { kubenestCreate: 'create', kubenestUpdate: 'update', kubenestDelete: 'delete' } as const;

const FOLDER = 'libs/store/src/scripts';

/**
 * Registers the scripts with ioredis (EVALSHA, falling back to EVAL after a restart). The
 * write scripts take a variable number of KEYS (two per allocation), so their callers pass
 * the key count first.
 */
export function loadStoreScripts(redis: Redis): Redis & StoreScripts {
  for (const [command, file] of Object.entries(SCRIPTS)) {
    redis.defineCommand(command, { lua: readLuaScript(FOLDER, file) });
  }
  redis.defineCommand('kubenestRepairAllocation', { lua: readLuaScript(FOLDER, 'repair-allocation'), numberOfKeys: 3 });
  return redis as Redis & StoreScripts;
}
