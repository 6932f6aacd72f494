import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';

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

/**
 * tsc does not copy .lua files, so from dist/ the scripts are read from the source tree;
 * running from source (or with the scripts copied beside the JS), they sit next to it.
 */
const SCRIPT_DIRS = [
  new URL('./scripts/', import.meta.url),
  new URL('../../../../libs/store/src/scripts/', import.meta.url),
];

function scriptDir(): URL {
  const found = SCRIPT_DIRS.find((dir) => existsSync(fileURLToPath(new URL('create.lua', dir))));
  if (!found)
    throw new Error(`store Lua scripts not found in ${SCRIPT_DIRS.map((d) => fileURLToPath(d)).join(' or ')}`);
  return found;
}

/** Reads a script and splices in its "-- @include <name>" lines from scripts/includes/. */
export function readScript(name: string, dir: URL = scriptDir()): string {
  const source = readFileSync(new URL(`${name}.lua`, dir), 'utf8');
  return source.replace(/^-- @include ([\w-]+)$/gm, (_line, include: string) =>
    readFileSync(new URL(`includes/${include}.lua`, dir), 'utf8'),
  );
}

/** Registers the write scripts with ioredis (EVALSHA, falling back to EVAL after a restart). */
export function loadStoreScripts(redis: Redis): Redis & StoreScripts {
  const dir = scriptDir();
  for (const [command, file] of Object.entries(SCRIPTS)) {
    redis.defineCommand(command, { lua: readScript(file, dir), numberOfKeys: 5 });
  }
  return redis as Redis & StoreScripts;
}
