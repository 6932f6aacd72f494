import type { IncomingMessage } from 'node:http';
import { Agent, request } from 'node:https';
import type { NodeEndpoint } from './node-endpoint.js';

export interface NodeAgentCredentials {
  /** The cluster CA: node agents serve certificates it issued. */
  caPem: string;
  /** The apiserver's own token; agents check it with a TokenReview. */
  token: string;
}

/** HTTPS calls from the apiserver to node agents, over one keep-alive pool. */
export class NodeAgentClient {
  private readonly agent: Agent;

  constructor(private readonly credentials: NodeAgentCredentials) {
    this.agent = new Agent({ keepAlive: true, ca: credentials.caPem });
  }

  /** A GET whose response is streamed back as it comes (logs -f). */
  get(endpoint: NodeEndpoint, path: string, signal: AbortSignal): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: endpoint.host,
          port: endpoint.port,
          path,
          method: 'GET',
          agent: this.agent,
          signal,
          headers: this.headers(),
        },
        resolve,
      );
      req.on('error', reject);
      req.end();
    });
  }

  /** Headers for a proxied request: our own identity, never the client's token. */
  headers(extra: Record<string, string | string[] | undefined> = {}): Record<string, string | string[]> {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(extra)) if (value !== undefined) headers[name] = value;
    headers['authorization'] = `Bearer ${this.credentials.token}`;
    return headers;
  }

  get tlsOptions(): { ca: string } {
    return { ca: this.credentials.caPem };
  }

  close(): void {
    this.agent.destroy();
  }
}
