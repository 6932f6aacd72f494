import { addToken, readTokens } from './token-file.js';

export const ADMIN_USER = 'kubernetes-admin';
export const MASTERS_GROUP = 'system:masters';

/**
 * The cluster-admin bearer token: the first tokens.csv line for kubernetes-admin in
 * system:masters (the identity kubeadm gives admin.conf), created on first start.
 */
export async function ensureAdminToken(dataDir: string): Promise<string> {
  const existing = (await readTokens(dataDir)).find((t) => t.user === ADMIN_USER && t.groups.includes(MASTERS_GROUP));
  if (existing) return existing.token;
  const created = await addToken(dataDir, { user: ADMIN_USER, uid: ADMIN_USER, groups: [MASTERS_GROUP] });
  return created.token;
}
