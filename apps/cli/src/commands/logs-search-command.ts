import { existsSync } from 'node:fs';
import { delimiter } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError, builtinResource, type KubeObject } from '#api';
import { connectionFromKubeconfig, createApiClient, type ApiClient } from '#client';
import { LOG_QUERY_API_VERSION, type LogEntry } from '../../../apiserver/src/log-search/log-search.js';
import type { LogQuerySpec } from '../../../apiserver/src/log-search/log-query-spec.js';
import { adminKubeconfigPath } from '../cluster/admin-kubeconfig.js';
import { logQuerySpec, type LogsSearchFlags } from './logs-search-options.js';

const LOG_QUERIES = builtinResource('logqueries', 'logging.kubenest.io');
/** How often follow mode asks for new lines. */
export const FOLLOW_INTERVAL_MS = 2_000;

interface LogQueryAnswer {
  status: { total: number; cursor: string; entries: LogEntry[] };
}

/**
 * `kubenest logs search '<lucene query>'`: the newest matching lines (100 unless --limit),
 * printed oldest first so the newest is at the bottom, as `kubectl logs --tail` prints; with
 * -f, then every new matching line as it reaches the engine, each once. Exit code 1 with the
 * server's message when the query is refused.
 */
export async function runLogsSearch(
  query: string | undefined,
  flags: LogsSearchFlags,
  defaultDataDir: string,
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  signal?: AbortSignal,
): Promise<number> {
  const spec = logQuerySpec(query, flags);
  const client = createApiClient(connectionFromKubeconfig(kubeconfigPath(flags, defaultDataDir)));
  try {
    // Until a line was seen there is no cursor: ask for the newest lines (printed oldest first);
    // from then on, for what came after the cursor, oldest first.
    let cursor = '';
    do {
      const answer = await search(client, cursor ? { ...spec, sinceSeconds: undefined, after: cursor } : spec);
      const entries = cursor ? answer.status.entries : [...answer.status.entries].reverse();
      for (const entry of entries) print(formatEntry(entry, flags));
      cursor = answer.status.cursor;
      // A full page means more lines are waiting: ask again at once.
      const full = entries.length >= (spec.limit ?? 100);
      if (flags.follow && !full) await sleep(FOLLOW_INTERVAL_MS, undefined, { signal }).catch(() => undefined);
    } while (flags.follow && !signal?.aborted);
    return 0;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    process.stderr.write(`Error from server (${error.reason}): ${error.message}\n`);
    return 1;
  } finally {
    client.close();
  }
}

async function search(client: ApiClient, spec: LogQuerySpec): Promise<LogQueryAnswer> {
  const object = { apiVersion: LOG_QUERY_API_VERSION, kind: 'LogQuery', metadata: {}, spec } as KubeObject;
  return (await client.create(LOG_QUERIES, object)) as unknown as LogQueryAnswer;
}

/** `[pod/<pod>/<container>] <line>` as `kubectl logs --prefix` writes it; with --timestamps the time first. */
export function formatEntry(entry: LogEntry, flags: Pick<LogsSearchFlags, 'timestamps'>): string {
  const prefix = `[${entry.namespace ?? '?'}/pod/${entry.pod ?? '?'}/${entry.container ?? '?'}]`;
  const line = entry.log.replace(/\n$/, '');
  return flags.timestamps ? `${entry.timestamp} ${prefix} ${line}` : `${prefix} ${line}`;
}

/** --kubeconfig, else --data-dir's admin kubeconfig, else $KUBECONFIG's first file, else the default data dir's. */
function kubeconfigPath(flags: LogsSearchFlags, defaultDataDir: string): string {
  if (flags.kubeconfig) return flags.kubeconfig;
  if (flags.dataDir) return adminKubeconfigPath(flags.dataDir);
  const fromEnv = process.env['KUBECONFIG']?.split(delimiter).find((path) => path && existsSync(path));
  if (fromEnv) return fromEnv;
  const admin = adminKubeconfigPath(flags.dataDir ?? process.env['KUBENEST_DATA_DIR'] ?? defaultDataDir);
  if (!existsSync(admin)) {
    throw new Error(`no kubeconfig: pass --kubeconfig, set KUBECONFIG, or run \`kubenest up\` (it writes ${admin})`);
  }
  return admin;
}
