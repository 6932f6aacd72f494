import { join } from 'node:path';
import { ensureAdminToken, ensurePki, writeKubeconfig } from '../../../apiserver/src/security/index.js';
import type { CliConfig } from '../config/cli-config.js';
import { apiserverUrl } from './apiserver-url.js';

export function adminKubeconfigPath(dataDir: string): string {
  return join(dataDir, 'admin.kubeconfig');
}

/**
 * The SANs `up` wants: the configured extras plus a specific bind address, which clients
 * elsewhere will dial and which the defaults (loopback only) would not cover.
 */
export function wantedSans(config: Pick<CliConfig, 'bindAddress' | 'extraSans'>): string[] {
  const wildcard = config.bindAddress === '0.0.0.0' || config.bindAddress === '::';
  return wildcard ? config.extraSans : [...config.extraSans, config.bindAddress];
}

/** Makes sure the PKI and admin token exist (creating them when needed) and writes <dataDir>/admin.kubeconfig. */
export async function writeAdminKubeconfig(config: CliConfig): Promise<string> {
  const pki = await ensurePki(config.dataDir, { extraSans: wantedSans(config) });
  const token = await ensureAdminToken(config.dataDir);
  const path = adminKubeconfigPath(config.dataDir);
  await writeKubeconfig(path, { server: apiserverUrl(config), caPem: pki.caCertPem, token });
  return path;
}
