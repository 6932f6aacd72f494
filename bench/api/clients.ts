import { Agent, type RequestOptions } from 'node:https';
import {
  CoreV1Api,
  KubeConfig,
  ServerConfiguration,
  createConfiguration,
  type RequestContext,
} from '@kubernetes/client-node';

/**
 * How a client reaches the apiserver. client-node 1.4 builds a new https.Agent for every
 * request (KubeConfig.applySecurityAuthentication), so out of the box each call opens a fresh
 * TCP + TLS connection: 'client-node' measures exactly what its users get. 'keep-alive' swaps
 * in one persistent agent per client, to show how much of the latency is the handshake.
 */
export type Transport = 'client-node' | 'keep-alive';

export function loadKubeConfig(path: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(path);
  return kc;
}

/** A CoreV1Api with its own KubeConfig, hence its own connections. */
export async function coreClient(kubeconfigPath: string, transport: Transport): Promise<CoreV1Api> {
  const kc = loadKubeConfig(kubeconfigPath);
  if (transport === 'client-node') return kc.makeApiClient(CoreV1Api);

  const tls: RequestOptions = {};
  await kc.applyToHTTPSOptions(tls);
  const agent = new Agent({ keepAlive: true, ca: tls.ca, cert: tls.cert, key: tls.key });
  const server = kc.getCurrentCluster()!.server;
  return new CoreV1Api(
    createConfiguration({
      baseServer: new ServerConfiguration(server, {}),
      authMethods: {
        default: {
          getName: () => 'kubeconfig with a keep-alive agent',
          async applySecurityAuthentication(context: RequestContext) {
            await kc.applySecurityAuthentication(context); // headers (bearer token)
            context.setAgent(agent);
          },
        },
      },
    }),
  );
}

export function coreClients(kubeconfigPath: string, transport: Transport, count: number): Promise<CoreV1Api[]> {
  return Promise.all(Array.from({ length: count }, () => coreClient(kubeconfigPath, transport)));
}
