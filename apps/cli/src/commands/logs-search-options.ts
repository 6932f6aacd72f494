import type { LogQuerySpec } from '../../../apiserver/src/log-search/log-query-spec.js';

/** The flags of `kubenest logs search`, as commander hands them over. */
export interface LogsSearchFlags {
  since?: string;
  namespace?: string;
  selector?: string;
  pod?: string;
  container?: string;
  limit?: string;
  follow?: boolean;
  timestamps?: boolean;
  kubeconfig?: string;
  dataDir?: string;
}

const UNIT_SECONDS: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };

/**
 * A duration as kubectl's --since takes it (Go's time.ParseDuration: "90s", "5m", "1h30m",
 * "1.5h"), in whole seconds rounded up, so --since 1ms still means "the last second".
 */
export function parseSince(text: string): number {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  if (!text || parts.map((p) => p[0]).join('') !== text) {
    throw new Error(`invalid --since "${text}": use a duration such as 30s, 5m, 1h or 1h30m`);
  }
  const seconds = parts.reduce((total, [, amount, unit]) => total + Number(amount) * UNIT_SECONDS[unit], 0);
  if (seconds <= 0) throw new Error(`invalid --since "${text}": must be more than zero`);
  return Math.ceil(seconds);
}

/** The LogQuery spec the flags ask for. */
export function logQuerySpec(query: string | undefined, flags: LogsSearchFlags): LogQuerySpec {
  const spec: LogQuerySpec = { query: query ?? '' };
  if (flags.since) spec.sinceSeconds = parseSince(flags.since);
  if (flags.namespace) spec.namespace = flags.namespace;
  if (flags.selector) spec.labelSelector = flags.selector;
  if (flags.pod) spec.pod = flags.pod;
  if (flags.container) spec.container = flags.container;
  if (flags.limit !== undefined) {
    const limit = Number(flags.limit);
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`invalid --limit "${flags.limit}": must be a positive whole number`);
    spec.limit = limit;
  }
  return spec;
}
