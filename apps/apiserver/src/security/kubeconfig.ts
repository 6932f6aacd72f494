import { stringify } from 'yaml';
import { writeFileAtomic } from './write-private-file.js';

export interface KubeconfigOptions {
  /** https://host:port of the apiserver. */
  server: string;
  /** PEM of the CA that signed the serving certificate. */
  caPem: string;
  /** Bearer token of the user. */
  token: string;
  clusterName?: string;
  user?: string;
  context?: string;
}

/** A kubeconfig with one cluster, one token user and one context, as kubectl and client libraries read it. */
export function renderKubeconfig(options: KubeconfigOptions): string {
  const { server, caPem, token, clusterName = 'kubenest', user = 'kubernetes-admin', context = 'kubenest' } = options;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: clusterName, cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') } },
    ],
    users: [{ name: user, user: { token } }],
    contexts: [{ name: context, context: { cluster: clusterName, user } }],
    'current-context': context,
    preferences: {},
  });
}

/** Writes the kubeconfig with mode 0600: it holds a bearer token. */
export async function writeKubeconfig(path: string, options: KubeconfigOptions): Promise<void> {
  await writeFileAtomic(path, renderKubeconfig(options), 0o600);
}
