import type { KubeObject } from '#api';
import { nodeEndpointFor, type NodeAgentClient } from '../node-proxy/index.js';

/** What the apiserver reads of a node agent's /stats/summary (the kubelet's Summary API). */
export interface CpuMemory {
  cpu: { time: string; usageNanoCores: number };
  memory: { time: string; workingSetBytes: number };
}

export interface NodeStatsSummary {
  node: CpuMemory & { nodeName: string };
  pods: (CpuMemory & {
    podRef: { name: string; namespace: string; uid: string };
    containers: (CpuMemory & { name: string })[];
  })[];
  windowSeconds?: number;
}

/**
 * Fetches node agents' /stats/summary through the apiserver's kubelet client and keeps each
 * answer briefly: agents sample every 10 s, so `kubectl top` run twice, or a list that touches
 * every node, costs one request per node per `ttlMs`. Concurrent requests for one node share
 * one fetch. A node that cannot answer has no metrics (undefined), as in metrics-server.
 */
export class NodeSummaries {
  private readonly cache = new Map<string, { at: number; summary: Promise<NodeStatsSummary | undefined> }>();

  constructor(
    private readonly agents: NodeAgentClient,
    private readonly onError: (node: string, error: Error) => void,
    private readonly ttlMs = 5_000,
    private readonly timeoutMs = 5_000,
    private readonly now = () => Date.now(),
  ) {}

  of(node: KubeObject): Promise<NodeStatsSummary | undefined> {
    const name = node.metadata.name!;
    const cached = this.cache.get(name);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.summary;
    const summary = this.fetch(node).catch((error: Error) => {
      this.onError(name, error);
      return undefined;
    });
    this.cache.set(name, { at: this.now(), summary });
    return summary;
  }

  private async fetch(node: KubeObject): Promise<NodeStatsSummary> {
    const response = await this.agents.get(
      nodeEndpointFor(node),
      '/stats/summary',
      AbortSignal.timeout(this.timeoutMs),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if (response.statusCode !== 200) throw new Error(`/stats/summary answered ${response.statusCode}: ${text.trim()}`);
    return JSON.parse(text) as NodeStatsSummary;
  }
}
