import { ms, rate } from '../support/table.js';
import type { Row } from './results.js';

const GOAL_MS = 50;
const K8S_SLO_MS = 1_000;

/**
 * A short reading of the figures against the goals, generated from this run's numbers so it
 * never goes stale when the section is regenerated.
 */
export function readResults(rows: readonly Row[]): string[] {
  const find = (id: string, clients?: number | string) =>
    rows.find((r) => r.id === id && (clients === undefined || r.clients === clients));
  const verdict = (p99: number, goal: number) =>
    !Number.isFinite(p99) ? 'not measured' : p99 <= goal ? 'met' : 'missed';
  const lines: string[] = [];

  for (const transport of ['client-node', 'keep-alive']) {
    const paced = find(`create-paced-${transport}`);
    if (!paced) continue;
    const p99 = paced.latency.p99;
    lines.push(
      `- Single-object create at ${paced.step.match(/paced (\d+)\/s/)?.[1]}/s (${transport}): p99 ${ms(p99)} ms, ` +
        `goal <= ${GOAL_MS} ms **${verdict(p99, GOAL_MS)}**; Kubernetes' 1 s SLO ${verdict(p99, K8S_SLO_MS)}` +
        `${paced.latency.errors ? `; ${paced.latency.errors} errors` : ''}.`,
    );
  }

  const watches = rows.filter((r) => r.id === 'watch');
  if (watches.length) {
    const worst = watches.reduce((a, b) => (b.latency.p99 > a.latency.p99 || !Number.isFinite(a.latency.p99) ? b : a));
    const detail = watches.map((r) => `${r.clients}: p99 ${ms(r.latency.p99)} ms`).join(', ');
    lines.push(
      `- Watch delivery p99 (goal <= ${GOAL_MS} ms): ${detail}; worst case **${verdict(worst.latency.p99, GOAL_MS)}**.`,
    );
  }

  // The ceiling: the best closed-loop create rate against the Redis SET rate it sits on.
  const creates = rows.filter((r) => r.id.startsWith('create-ConfigMap') && Number.isFinite(r.throughput));
  const best = creates.reduce<Row | undefined>((a, b) => (!a || b.throughput > a.throughput ? b : a), undefined);
  const set = rows
    .filter((r) => r.id === 'redis-set' && Number.isFinite(r.throughput))
    .reduce<Row | undefined>((a, b) => (!a || b.throughput > a.throughput ? b : a), undefined);
  if (best) {
    lines.push(
      `- Peak ConfigMap create throughput: ${rate(best.throughput)}/s (${best.step}, ${best.clients} clients)` +
        (set
          ? `, against ${rate(set.throughput)} Redis SET/s on the same Redis: the apiserver, not Redis, sets the ceiling.`
          : '.'),
    );
  }

  const plain = find('create-ConfigMap-client-node', 1);
  const kept = find('create-ConfigMap-keep-alive', 1);
  if (plain && kept && Number.isFinite(plain.latency.p50) && Number.isFinite(kept.latency.p50)) {
    lines.push(
      `- One client, create p50: ${ms(plain.latency.p50)} ms with client-node as shipped (new TLS connection per request) ` +
        `vs ${ms(kept.latency.p50)} ms over a kept-alive connection: the difference is connection setup, paid by every client-node call.`,
    );
  }

  const failing = rows.filter((r) => r.latency.errors > 0 || r.errors.startsWith('not measured'));
  lines.push(
    failing.length
      ? `- ${failing.length} row(s) had errors or were not measured; see Errors.`
      : '- No errors in any step.',
  );
  return lines;
}
