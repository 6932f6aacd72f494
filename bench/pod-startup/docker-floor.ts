import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { LatencyRecorder } from '../support/stats.js';

const run = promisify(execFile);

/**
 * What Docker alone needs for the same work, without kubenest: `count` pods' worth of
 * containers started concurrently with the docker CLI, each a pause container on the default
 * bridge plus the app container joined to its network namespace (the shape the node agent
 * creates). Latency per pod from its first `docker run` to the second one returning, which
 * `-d` does once the container has started. Every container is removed afterwards.
 */
export async function dockerFloor(
  pauseImage: string,
  image: string,
  count: number,
): Promise<{ latency: LatencyRecorder; allMs: number }> {
  const label = `bench.kubenest.io/docker-floor=${process.pid}`;
  const latency = new LatencyRecorder();
  const began = performance.now();
  try {
    await Promise.all(
      Array.from({ length: count }, async () => {
        const start = performance.now();
        try {
          const sandbox = (await run('docker', ['run', '-d', '--label', label, pauseImage])).stdout.trim();
          await run('docker', ['run', '-d', '--label', label, '--network', `container:${sandbox}`, image]);
          latency.record(performance.now() - start);
        } catch (error) {
          latency.fail(error);
        }
      }),
    );
    return { latency, allMs: performance.now() - began };
  } finally {
    const ids = (await run('docker', ['ps', '-aq', '--filter', `label=${label}`])).stdout.split('\n').filter(Boolean);
    if (ids.length) await run('docker', ['rm', '-f', ...ids]);
  }
}
