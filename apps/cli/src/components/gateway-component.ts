import { join } from 'node:path';
import {
  ensureServingCertificate,
  readClusterCa,
  servingSubjectAltNames,
} from '../../../apiserver/src/security/index.js';
import type { CliConfig } from '../config/cli-config.js';
import { httpGetProbe } from '../probes/http-get-probe.js';
import type { ComponentSpec } from '../supervisor/component-spec.js';
import { nodeProcessComponent } from './node-process-component.js';

/** Where the dashboard is served: plain HTTP on loopback by default, HTTPS with KUBENEST_GATEWAY_TLS=true. */
export function dashboardUrl(config: CliConfig): string {
  return `${config.gatewayTls ? 'https' : 'http'}://127.0.0.1:${config.ports.gateway}/`;
}

/**
 * The socket.io gateway and the dashboard it serves, on loopback. With TLS its serving
 * certificate comes from the cluster CA (pki/gateway.crt), so a browser that trusts
 * pki/ca.crt trusts the dashboard; plain HTTP needs no trust at all and stays on loopback.
 */
export async function gatewayComponent(
  config: CliConfig,
  kubeconfig: string,
  projectRoot: string,
): Promise<ComponentSpec> {
  const port = config.ports.gateway;
  const env: Record<string, string> = {
    KUBENEST_KUBECONFIG: kubeconfig,
    KUBENEST_GATEWAY_PORT: String(port),
    KUBENEST_GATEWAY_BIND_ADDRESS: '127.0.0.1',
    KUBENEST_GATEWAY_DASHBOARD_DIR: join(projectRoot, 'dist', 'dashboard'),
  };
  if (config.gatewayTls) {
    const certPath = join(config.dataDir, 'pki', 'gateway.crt');
    const keyPath = join(config.dataDir, 'pki', 'gateway.key');
    await ensureServingCertificate(await readClusterCa(config.dataDir), {
      commonName: 'kubenest-gateway',
      subjectAltNames: servingSubjectAltNames(config.extraSans),
      certPath,
      keyPath,
    });
    env['KUBENEST_GATEWAY_TLS_CERT_FILE'] = certPath;
    env['KUBENEST_GATEWAY_TLS_KEY_FILE'] = keyPath;
  }
  return nodeProcessComponent({
    name: 'gateway',
    projectRoot,
    env,
    readiness: httpGetProbe(`${dashboardUrl(config)}readyz`, join(config.dataDir, 'pki', 'ca.crt')),
    readyTimeoutMs: config.readyTimeoutSeconds * 1000,
    ports: [port],
  });
}
