import type { Redis } from 'ioredis';
import { readLuaScript } from './read-lua-script.js';

/** Replies of the write scripts: a return code first (see the script headers). */
export type ScriptReply = [code: number, ...rest: string[]];

/** The scripts, as registered on a connection by loadStoreScripts. */
export interface StoreScripts {
  kubenestCreate(...keysThenArgv: string[]): Promise<ScriptReply>;
  kubenestUpdate(...keysThenArgv: string[]): Promise<ScriptReply>;
  kubenestDelete(...keysThenArgv: string[]): Promise<ScriptReply>;
}

/** KEYS shared by every write script, in this order. */
export type StoreScriptKeys = [object: string, index: string, counter: string, changes: string, expiry: string];

const SCRIPTS = { kubenestCreate: 'create', kubenestUpdate: 'update', kubenestDelete: 'delete' } as const;

/** Registers the write scripts with ioredis (EVALSHA, falling back to EVAL after a restart). */
export function loadStoreScripts(redis: Redis): Redis & StoreScripts {
  for (const [command, file] of Object.entries(SCRIPTS)) {
    redis.defineCommand(command, { lua: readLuaScript('libs/store/src/scripts', file), numberOfKeys: 5 });
  }
  return redis as Redis & StoreScripts;
}
