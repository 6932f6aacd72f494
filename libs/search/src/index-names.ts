/** Default index name prefixes; each is configurable (see IndexNaming). */
export const DEFAULT_INDEX_NAMING: IndexNaming = {
  logs: 'logstash',
  metrics: 'kubenest-metrics',
  events: 'kubenest-events',
  deadLetter: 'kubenest-deadletter',
};

export interface IndexNaming {
  /** Container logs: `<logs>-YYYY.MM.DD`, the Logstash/Fluentd naming Kibana users know (`logstash-*`). */
  logs: string;
  metrics: string;
  events: string;
  /** Documents the engine rejected for good, with the reason (see BulkDelivery). */
  deadLetter: string;
}

/** `<prefix>-YYYY.MM.DD` of the UTC day of `at`, as Logstash and Fluentd's logstash_format name daily indices. */
export function dailyIndexName(prefix: string, at: Date): string {
  const day = at.toISOString().slice(0, 10).replaceAll('-', '.');
  return `${prefix}-${day}`;
}

/** Every index name with `prefix` in front: for several installations (or tests) sharing one cluster. */
export function prefixedIndexNaming(prefix: string, naming: IndexNaming = DEFAULT_INDEX_NAMING): IndexNaming {
  return {
    logs: `${prefix}${naming.logs}`,
    metrics: `${prefix}${naming.metrics}`,
    events: `${prefix}${naming.events}`,
    deadLetter: `${prefix}${naming.deadLetter}`,
  };
}
