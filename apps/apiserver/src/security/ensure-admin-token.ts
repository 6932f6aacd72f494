import { addToken, readTokens } from './token-file.js';

export const ADMIN_USER = 'kubernetes-admin';
export const MASTERS_GROUP = 'system:masters';

/** The bearer token of `user` in `groups`: the first matching tokens.csv line, created when there is none. */
export async function ensureUserToken(dataDir: string, user: string, groups: string[]): Promise<string> {
  const existing = (await readTokens(dataDir)).find(
    (t) => t.user === user && groups.every((g) => t.groups.includes(g)),
  );
  if (existing) return existing.token;
  return (await addToken(dataDir, { user, uid: user, groups })).token;
}

/**
 * The cluster-admin bearer token: kubernetes-admin in system:masters (the identity kubeadm
 * gives admin.conf), created on first start.
 */
export function ensureAdminToken(dataDir: string): Promise<string> {
  return ensureUserToken(dataDir, ADMIN_USER, [MASTERS_GROUP]);
}

/** The identity the apiserver presents to node agents when it proxies logs, exec and port-forward. */
export const KUBELET_CLIENT_USER = 'kube-apiserver-kubelet-client';
