import { DEFAULT_INDEX_NAMING, type IndexNaming } from './index-names.js';
import type { IndexTemplate, SearchSink } from './sink.js';

export interface TemplateOptions {
  naming?: Partial<IndexNaming>;
  /** Logs as a data stream (`<logs>` itself, backing indices managed by the engine) instead of daily indices. */
  logsDataStream?: boolean;
  /** Prepended to every template name, so several installations (or tests) can share a cluster. */
  templateNamePrefix?: string;
}

// Keyword values longer than this are kept in _source but not indexed (a keyword term is capped at 32 KiB).
const KEYWORD_LIMIT = 8191;
const keyword = { type: 'keyword', ignore_above: 1024 };
// Counters such as cumulative core-nanoseconds outgrow an integer; long holds them exactly up to 2^63.
const LONG = { type: 'long' };
const DOUBLE = { type: 'double' };
const textWithKeyword = { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: KEYWORD_LIMIT } } };

/**
 * Shared settings: one primary shard (the volume of one cluster's logs per day), and
 * auto_expand_replicas 0-1 so a single node is green and a larger cluster keeps one replica.
 */
const SETTINGS = { number_of_shards: 1, auto_expand_replicas: '0-1' };

/**
 * Unknown fields are allowed but constrained: every dynamically added leaf becomes a keyword,
 * whatever JSON type it arrived as, so `"code": 500` in one line and `"code": "E42"` in the
 * next never conflict. Only object-versus-value clashes remain, and those go to the dead-letter
 * index instead of blocking the pipeline.
 */
const DYNAMIC_AS_KEYWORD = [
  { strings_as_keyword: { match_mapping_type: 'string', mapping: keyword } },
  { longs_as_keyword: { match_mapping_type: 'long', mapping: keyword } },
  { doubles_as_keyword: { match_mapping_type: 'double', mapping: keyword } },
  { booleans_as_keyword: { match_mapping_type: 'boolean', mapping: keyword } },
];

/** kubernetes.* as Fluentd's kubernetes_metadata filter writes it; labels and annotations are de-dotted (see dedotKeys). */
const KUBERNETES = {
  properties: {
    namespace_name: keyword,
    namespace_id: keyword,
    pod_name: keyword,
    pod_id: keyword,
    pod_ip: keyword,
    container_name: keyword,
    container_id: keyword,
    container_image: keyword,
    container_image_id: keyword,
    host: keyword,
    node_name: keyword,
    labels: { type: 'object', dynamic: true },
    annotations: { type: 'object', dynamic: true },
  },
};

/** A template whose mapping takes unknown fields as keywords (logs, metrics, events). */
function openTemplate(indexPattern: string, properties: Record<string, unknown>, dataStream?: boolean): IndexTemplate {
  return {
    indexPatterns: [indexPattern],
    priority: 200,
    dataStream,
    settings: SETTINGS,
    mappings: { dynamic: true, dynamic_templates: DYNAMIC_AS_KEYWORD, properties },
  };
}

/**
 * kubenest's index templates, keyed by template name: logs (daily indices or a data stream),
 * metrics, events and the dead-letter index.
 */
export function kubenestIndexTemplates(options: TemplateOptions = {}): Record<string, IndexTemplate> {
  const naming = { ...DEFAULT_INDEX_NAMING, ...options.naming };
  const name = (suffix: string) => `${options.templateNamePrefix ?? ''}kubenest-${suffix}`;
  return {
    [name('logs')]: openTemplate(
      options.logsDataStream ? naming.logs : `${naming.logs}-*`,
      {
        // Container runtimes stamp lines in nanoseconds; ordering lines within a millisecond needs them.
        '@timestamp': { type: 'date_nanos' },
        log: textWithKeyword,
        message: textWithKeyword,
        stream: keyword,
        level: keyword,
        kubernetes: KUBERNETES,
        docker: { properties: { container_id: keyword } },
        // A line that parsed as JSON, kept under its own object so app fields never collide with ours.
        json: { type: 'object', dynamic: true },
      },
      options.logsDataStream,
    ),
    [name('metrics')]: openTemplate(`${naming.metrics}-*`, {
      '@timestamp': { type: 'date' },
      name: keyword,
      type: keyword,
      value: { type: 'double' },
      unit: keyword,
      labels: { type: 'object', dynamic: true },
      kubernetes: KUBERNETES,
      // The node agent's samples (docs/metrics.md): numbers Kibana can chart, not keywords.
      metricset: keyword,
      cpu: { properties: { usage_nanocores: LONG, usage_cores: DOUBLE, usage_core_nanoseconds: LONG } },
      memory: { properties: { working_set_bytes: LONG, usage_bytes: LONG, available_bytes: LONG } },
      fs: {
        properties: {
          capacity_bytes: LONG,
          available_bytes: LONG,
          used_bytes: LONG,
          inodes: LONG,
          inodes_free: LONG,
        },
      },
      network: {
        properties: { interface: keyword, rx_bytes: LONG, tx_bytes: LONG, rx_errors: LONG, tx_errors: LONG },
      },
    }),
    [name('events')]: openTemplate(`${naming.events}-*`, {
      '@timestamp': { type: 'date' },
      message: textWithKeyword,
      reason: keyword,
      type: keyword,
      count: { type: 'long' },
      kubernetes: KUBERNETES,
      // The event-export controller's documents (docs/metrics.md).
      first_timestamp: { type: 'date' },
      last_timestamp: { type: 'date' },
      involved_object: {
        properties: {
          kind: keyword,
          name: keyword,
          namespace: keyword,
          uid: keyword,
          api_version: keyword,
          field_path: keyword,
        },
      },
      source: { properties: { component: keyword, host: keyword } },
      event: { properties: { name: keyword, uid: keyword, resource_version: keyword } },
    }),
    [name('deadletter')]: {
      indexPatterns: [`${naming.deadLetter}-*`],
      priority: 200,
      settings: SETTINGS,
      mappings: {
        // Exactly these fields: a dead letter must never be rejected itself.
        dynamic: false,
        properties: {
          '@timestamp': { type: 'date' },
          reason: textWithKeyword,
          error_type: keyword,
          status: { type: 'integer' },
          original_index: keyword,
          original_id: keyword,
          // The rejected document as a JSON string, not indexed: it cannot fail again.
          document: { type: 'text', index: false },
        },
      },
    },
  };
}

export type TemplateKind = 'logs' | 'metrics' | 'events' | 'deadletter';

/** Installs (or replaces, so it is idempotent) kubenest's templates, every kind unless told; run before shipping. */
export async function installIndexTemplates(
  sink: SearchSink,
  options: TemplateOptions = {},
  kinds?: readonly TemplateKind[],
): Promise<void> {
  for (const [name, template] of Object.entries(kubenestIndexTemplates(options))) {
    if (kinds && !kinds.some((kind) => name.endsWith(`kubenest-${kind}`))) continue;
    await sink.putIndexTemplate(name, template);
  }
}
