import { hostname } from 'node:os';
import { join } from 'node:path';
import {
  ensureServingCertificate,
  ensureUserToken,
  MASTERS_GROUP,
  readClusterCa,
  servingSubjectAltNames,
  writeKubeconfig,
} from '../../../apiserver/src/security/index.js';
import type { CliConfig } from '../config/cli-config.js';
import { apiserverUrl } from './apiserver-url.js';

/**
 * Each component reaches the apiserver as its own user, with its own token and kubeconfig
 * under the data dir, named as Kubernetes names these identities. (Every authenticated user
 * is an administrator until authorization arrives, hence system:masters for now.)
 */
export async function componentKubeconfig(
  config: CliConfig,
  component: string,
  user: string,
  groups: string[],
): Promise<string> {
  const token = await ensureUserToken(config.dataDir, user, [...groups, MASTERS_GROUP]);
  const ca = await readClusterCa(config.dataDir);
  const path = join(config.dataDir, `${component}.kubeconfig`);
  await writeKubeconfig(path, { server: apiserverUrl(config), caPem: ca.certPem, token, user, context: component });
  return path;
}

export interface NodeCredentials {
  nodeName: string;
  kubeconfig: string;
  /** The node agent's serving certificate, issued by the cluster CA, which the apiserver verifies when it proxies logs and exec. */
  certPath: string;
  keyPath: string;
}

export async function nodeCredentials(config: CliConfig): Promise<NodeCredentials> {
  const nodeName = hostname().toLowerCase();
  const kubeconfig = await componentKubeconfig(config, 'node-agent', `system:node:${nodeName}`, ['system:nodes']);
  const certPath = join(config.dataDir, 'pki', 'node-agent.crt');
  const keyPath = join(config.dataDir, 'pki', 'node-agent.key');
  await ensureServingCertificate(await readClusterCa(config.dataDir), {
    commonName: `system:node:${nodeName}`,
    subjectAltNames: servingSubjectAltNames(config.extraSans),
    certPath,
    keyPath,
  });
  return { nodeName, kubeconfig, certPath, keyPath };
}
