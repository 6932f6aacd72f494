import { ApiError, builtinResource, type KubeList, type KubeObject, type ResourceType } from '#api';
import type { ListOptions } from '../registry/request-options.js';
import type { ResourceRegistry } from '../registry/resource-registry.js';
import { nodeMetrics, podMetrics, METRICS_API_VERSION } from './metrics-objects.js';
import type { NodeSummaries } from './node-summaries.js';

const NODES = builtinResource('nodes');
const PODS = builtinResource('pods');

/**
 * metrics.k8s.io/v1beta1, served the way metrics-server serves it, from the node agents'
 * latest samples: NodeMetrics for nodes, PodMetrics for pods. Lists take the label (and, for
 * pods, field) selectors of the underlying Nodes and Pods; what a node has no sample for is
 * left out of lists and is NotFound by name.
 */
export class MetricsApi {
  constructor(
    private readonly registry: ResourceRegistry,
    private readonly summaries: NodeSummaries,
  ) {}

  static serves(type: ResourceType): boolean {
    return type.group === 'metrics.k8s.io';
  }

  async get(type: ResourceType, namespace: string | undefined, name: string): Promise<KubeObject> {
    const now = new Date();
    const notFound = ApiError.notFound({ kind: type.resource, group: type.group, name });
    if (type.kind === 'NodeMetrics') {
      const node = await this.registry.get({ type: NODES, name }).catch(() => undefined);
      const summary = node && (await this.summaries.of(node));
      if (!node || !summary) throw notFound;
      return nodeMetrics(node, summary, now);
    }
    const pod = await this.registry.get({ type: PODS, namespace, name }).catch(() => undefined);
    const metrics = pod && (await this.podMetrics([pod], now))[0];
    if (!metrics) throw notFound;
    return metrics;
  }

  async list(type: ResourceType, namespace: string | undefined, options: ListOptions): Promise<KubeList> {
    const now = new Date();
    const selectors = { labelSelector: options.labelSelector, fieldSelector: options.fieldSelector };
    let items: KubeObject[];
    if (type.kind === 'NodeMetrics') {
      const nodes = (await this.registry.list(NODES, undefined, selectors)).items;
      const summaries = await Promise.all(nodes.map((node) => this.summaries.of(node)));
      items = nodes.flatMap((node, i) => (summaries[i] ? [nodeMetrics(node, summaries[i], now)] : []));
    } else {
      const pods = (await this.registry.list(PODS, namespace, selectors)).items;
      items = await this.podMetrics(pods, now);
    }
    return {
      kind: type.listKind,
      apiVersion: METRICS_API_VERSION,
      metadata: {},
      items,
    } as KubeList;
  }

  private async podMetrics(pods: KubeObject[], now: Date): Promise<KubeObject[]> {
    const nodeNames = [...new Set(pods.map((pod) => nodeNameOf(pod)).filter((n): n is string => Boolean(n)))];
    const summaries = new Map(
      await Promise.all(
        nodeNames.map(async (name) => {
          const node = await this.registry.get({ type: NODES, name }).catch(() => undefined);
          return [name, node && (await this.summaries.of(node))] as const;
        }),
      ),
    );
    return pods.flatMap((pod) => {
      const summary = summaries.get(nodeNameOf(pod) ?? '');
      const metrics = summary && podMetrics(pod, summary, now);
      return metrics ? [metrics] : [];
    });
  }
}

function nodeNameOf(pod: KubeObject): string | undefined {
  return (pod.spec as { nodeName?: string } | undefined)?.nodeName;
}
