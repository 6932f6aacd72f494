import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import type { ClusterConnection } from './api-client.js';

type Named = { name: string } & Record<string, unknown>;

interface Kubeconfig {
  clusters?: Named[];
  users?: Named[];
  contexts?: Named[];
  'current-context'?: string;
}

interface ClusterEntry {
  server?: string;
  'certificate-authority-data'?: string;
  'certificate-authority'?: string;
}

interface UserEntry {
  token?: string;
  tokenFile?: string;
}

/**
 * The connection a kubeconfig's current context (or `contextName`) describes: server, CA
 * (inline data or a file) and bearer token (inline or tokenFile). Relative file paths are
 * resolved against the kubeconfig's directory, as kubectl does. Components authenticate by
 * token only; a user with client certificates but no token is refused with a clear error.
 */
export function connectionFromKubeconfig(path: string, contextName?: string): ClusterConnection {
  const config = (parse(readFileSync(path, 'utf8')) ?? {}) as Kubeconfig;
  const wanted = contextName ?? config['current-context'];
  if (!wanted) throw new Error(`${path}: no current-context`);
  const context = entry<{ cluster?: string; user?: string }>(config.contexts, 'context', wanted, path);
  const cluster = entry<ClusterEntry>(config.clusters, 'cluster', context.cluster ?? '', path);
  const user = entry<UserEntry>(config.users, 'user', context.user ?? '', path);
  const base = dirname(path);

  if (!cluster.server) throw new Error(`${path}: cluster "${context.cluster}" has no server`);
  let caPem: string;
  if (cluster['certificate-authority-data']) {
    caPem = Buffer.from(cluster['certificate-authority-data'], 'base64').toString('utf8');
  } else if (cluster['certificate-authority']) {
    caPem = readFileSync(resolve(base, cluster['certificate-authority']), 'utf8');
  } else {
    throw new Error(`${path}: cluster "${context.cluster}" has no certificate-authority(-data)`);
  }
  let token: string;
  if (user.token) token = user.token;
  else if (user.tokenFile) token = readFileSync(resolve(base, user.tokenFile), 'utf8').trim();
  else throw new Error(`${path}: user "${context.user}" has no token or tokenFile`);
  return { server: cluster.server, caPem, token };
}

function entry<T>(list: Named[] | undefined, field: string, name: string, path: string): T {
  const found = list?.find((item) => item.name === name);
  if (!found || typeof found[field] !== 'object' || found[field] === null) {
    throw new Error(`${path}: no ${field} named "${name}"`);
  }
  return found[field] as T;
}
