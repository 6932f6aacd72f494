import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, type KubeObject } from '#api';
import type { Store } from '#store';
import type { NodeAgentClient } from './node-agent-client.js';
import { nodeEndpointOf } from './node-endpoint.js';
import { containerOf } from './pod-container.js';

/** Query parameters of pods/log passed through to the node agent's /containerLogs, as kube-apiserver does. */
const LOG_PARAMETERS = ['follow', 'previous', 'sinceSeconds', 'sinceTime', 'timestamps', 'tailLines', 'limitBytes'];

/** GET pods/{name}/log: streams the container's log from its node agent (`kubectl logs [-f]`). */
export class PodLogProxy {
  constructor(
    private readonly store: Store,
    private readonly agents: NodeAgentClient,
  ) {}

  async stream(res: ServerResponse, pod: KubeObject, query: URLSearchParams): Promise<void> {
    const container = containerOf(pod, query.get('container'));
    const endpoint = await nodeEndpointOf(this.store, pod);
    const forwarded = new URLSearchParams();
    for (const name of LOG_PARAMETERS) {
      const value = query.get(name);
      if (value !== null) forwarded.set(name, value);
    }
    const path = `/containerLogs/${encodeURIComponent(pod.metadata.namespace!)}/${encodeURIComponent(pod.metadata.name!)}/${encodeURIComponent(container)}?${forwarded}`;
    const aborted = new AbortController();
    res.on('close', () => aborted.abort());
    let upstream: IncomingMessage;
    try {
      upstream = await this.agents.get(endpoint, path, aborted.signal);
    } catch (error) {
      throw new ApiError(
        502,
        'InternalError',
        `unable to reach the node agent on ${endpoint.nodeName}: ${(error as Error).message}`,
      );
    }
    if (upstream.statusCode !== 200) throw await agentError(upstream, endpoint.nodeName);
    res.writeHead(200, {
      'Content-Type': 'text/plain',
      'Transfer-Encoding': 'chunked',
      'Cache-Control': 'no-cache, private',
    });
    res.flushHeaders();
    upstream.pipe(res);
    await new Promise<void>((resolve) => {
      upstream.on('end', resolve);
      upstream.on('error', resolve);
      res.on('close', resolve);
    });
  }
}

/** An agent's refusal becomes a Status with the agent's own words (e.g. "previous terminated container ... not found"). */
async function agentError(upstream: IncomingMessage, nodeName: string): Promise<ApiError> {
  const chunks: Buffer[] = [];
  for await (const chunk of upstream) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  let message = text;
  try {
    message = (JSON.parse(text) as { message?: string }).message ?? text;
  } catch {
    // plain text from the agent
  }
  const code = upstream.statusCode ?? 502;
  if (code === 404) return new ApiError(404, 'NotFound', message || `not found on node ${nodeName}`, {});
  if (code >= 400 && code < 500) return ApiError.badRequest(message);
  return new ApiError(502, 'InternalError', `node agent on ${nodeName} answered ${code}: ${message}`);
}
