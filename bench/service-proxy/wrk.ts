import { spawnSync } from 'node:child_process';

export interface WrkResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** wrk against a URL (new connection per request when the server closes, as the microservice does). */
export function runWrk(url: string, seconds: number, connections: number, threads = 2): WrkResult {
  const run = spawnSync('wrk', [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, '--latency', url], {
    encoding: 'utf8',
    timeout: (seconds + 30) * 1000,
  });
  if (run.status !== 0) throw new Error(`wrk failed: ${run.stderr || run.error?.message}`);
  const out = run.stdout;
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  return {
    requestsPerSecond: rps,
    p50Ms: latencyMs(out, '50%'),
    p99Ms: latencyMs(out, '99%'),
    errors: (errors ? errors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0) + non2xx,
  };
}

function latencyMs(out: string, percentile: string): number {
  const match = new RegExp(`^\\s+${percentile}\\s+([\\d.]+)(us|ms|s)$`, 'm').exec(out);
  if (!match) return NaN;
  const value = Number(match[1]);
  return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
}
