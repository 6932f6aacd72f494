import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { LatencyRecorder } from '../support/stats.js';

const run = promisify(execFile);
/** The node agent's pod network (libs/runtime DockerRuntime's default): a user-defined bridge. */
const POD_NETWORK = { name: 'kubenest0', subnet: '10.88.0.0/16' };

/**
 * What Docker alone needs for the same work, without kubenest: `count` pods' worth of
 * containers started concurrently with the docker CLI, each a pause container on the pod
 * network plus the app container joined to its network namespace (the shape the node agent
 * creates). The pod network, not Docker's default bridge: a user-defined bridge costs Docker
 * more per container (20 pause containers at once took 4.5-6.2 s there, 3.5-3.7 s on the
 * default bridge, on the 2-core machine of docs/benchmarks.md). Latency per pod from its first `docker run` to the second one returning, which
 * `-d` does once the container has started. Every container is removed afterwards.
 */
export async function dockerFloor(
  pauseImage: string,
  image: string,
  count: number,
): Promise<{ latency: LatencyRecorder; allMs: number }> {
  const label = `bench.kubenest.io/docker-floor=${process.pid}`;
  const latency = new LatencyRecorder();
  await ensurePodNetwork();
  const began = performance.now();
  try {
    await Promise.all(
      Array.from({ length: count }, async () => {
        const start = performance.now();
        try {
          const sandbox = (
            await run('docker', ['run', '-d', '--label', label, '--network', POD_NETWORK.name, pauseImage])
          ).stdout.trim();
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

/** Made as the node agent would make it, when no cluster has made it yet. */
async function ensurePodNetwork(): Promise<void> {
  const { stdout } = await run('docker', ['network', 'ls', '-q', '--filter', `name=^${POD_NETWORK.name}$`]);
  if (stdout.trim()) return;
  await run('docker', [
    'network',
    'create',
    '--driver',
    'bridge',
    '--subnet',
    POD_NETWORK.subnet,
    POD_NETWORK.name,
  ]).catch(async (error: unknown) => {
    // Another cluster created it meanwhile.
    if (!(await run('docker', ['network', 'inspect', POD_NETWORK.name]).catch(() => undefined))) throw error;
  });
}
