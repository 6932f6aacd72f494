import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../support/docs-section.js';
import { LatencyRecorder } from '../support/stats.js';
import type { Row } from './results.js';

/**
 * The floor under the apiserver: redis-benchmark SET and GET against the very Redis it writes
 * to (same socket, same AOF settings). Every API call costs at least one such round trip.
 * Runs last, so its keys and load never touch the API measurements.
 */
export async function redisFloor(
  socketPath: string | undefined,
  concurrency: number[],
  requests: number,
): Promise<Row[]> {
  const clientsLabel = concurrency.join('/');
  if (!socketPath) return [unavailable('the Redis socket was not found in the data dir', clientsLabel)];
  try {
    await ensureRedisBenchmark();
  } catch (error) {
    return [unavailable((error as Error).message, clientsLabel)];
  }
  const rows: Row[] = [];
  for (const c of concurrency) {
    const run = spawnSync(
      'redis-benchmark',
      ['-s', socketPath, '-q', '-n', String(requests), '-c', String(c), '-t', 'set,get', '--csv'],
      {
        encoding: 'utf8',
        timeout: 300_000,
      },
    );
    if (run.status !== 0) {
      rows.push(
        unavailable(`redis-benchmark -c ${c} exited with ${run.status}: ${run.stderr.trim().slice(0, 160)}`, c),
      );
      continue;
    }
    rows.push(...parseCsv(run.stdout, c, requests));
  }
  return rows;
}

/** `--csv` prints a header, then one quoted line per test; 7.x adds latency percentiles. */
function parseCsv(csv: string, clients: number, requests: number): Row[] {
  const lines = csv
    .trim()
    .split('\n')
    .map((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '')));
  const header = lines[0];
  const column = (cells: string[], name: string) => {
    const i = header.indexOf(name);
    return i < 0 ? Number.NaN : Number(cells[i]);
  };
  return lines.slice(1).map((cells) => ({
    id: `redis-${cells[0].toLowerCase()}`,
    step: `redis-benchmark ${cells[0]} (floor)`,
    clients,
    throughput: column(cells, 'rps'),
    latency: {
      count: requests,
      errors: 0,
      p50: column(cells, 'p50_latency_ms'),
      p99: column(cells, 'p99_latency_ms'),
      max: column(cells, 'max_latency_ms'),
    },
    errors: '',
  }));
}

function unavailable(reason: string, clients: number | string): Row {
  return {
    id: 'redis',
    step: 'redis-benchmark (floor)',
    clients,
    throughput: Number.NaN,
    latency: new LatencyRecorder().summary(),
    errors: `not measured: ${reason}`,
  };
}

/** Debian's redis-tools; bin/setup.js installs it when we are root, or says what to install. */
async function ensureRedisBenchmark(): Promise<void> {
  const setup = (await import(pathToFileURL(join(ROOT, 'bin', 'setup.js')).href)) as {
    hasCommand(command: string): boolean;
    aptInstall(packages: string[], why: string): void;
  };
  if (!setup.hasCommand('redis-benchmark'))
    setup.aptInstall(['redis-tools'], 'the api benchmark measures the Redis floor with redis-benchmark');
}
