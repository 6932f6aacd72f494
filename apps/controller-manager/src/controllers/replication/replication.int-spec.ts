/**
 * The replication controllers in real controller-manager processes, against a real apiserver
 * and Redis, driven by the real kubectl. No scheduler or node agent runs: pods stay Pending,
 * which is all counting needs.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BUILTIN_RESOURCES, type Pod } from '#api';
import { createApiClient, ListWatchInformer, type ApiClient } from '#client';
import { freePort, kubectl, kubectlPath, startTestApiserver, type TestApiserver } from '#testing';
import { waitUntil } from '#reconcile/testing';

const ROOT = resolve(import.meta.dirname, '../../../../../..');
const MAIN = join(ROOT, 'dist/apps/controller-manager/src/main.js');
const PODS = BUILTIN_RESOURCES.find((t) => t.group === '' && t.resource === 'pods')!;
const DEADLINE_MS = 90_000;

interface ControllerManagerProcess {
  child: ChildProcess;
  port: number;
  exited: Promise<unknown[]>;
}

function replicaSetManifest(name: string, replicas: number): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image: 'pause' }] } },
    },
  });
}

describe(
  'replication controllers (real apiserver, Redis, kubectl, controller-manager processes)',
  { skip: !kubectlPath && 'no kubectl' },
  () => {
    let api: TestApiserver;
    let client: ApiClient;
    const managers: ControllerManagerProcess[] = [];
    const ctl = (...args: string[]) => {
      const result = kubectl(api.kubeconfigPath, args);
      assert.equal(result.status, 0, `kubectl ${args.join(' ')}: ${result.stderr}`);
      return result.stdout;
    };
    const apply = (manifest: string) => {
      const result = kubectl(api.kubeconfigPath, ['apply', '-f', '-'], manifest);
      assert.equal(result.status, 0, result.stderr);
    };

    async function startControllerManager(): Promise<ControllerManagerProcess> {
      const port = await freePort();
      const log = createWriteStream(join(api.dataDir, `controller-manager-${port}.log`));
      const child = spawn(process.execPath, ['--enable-source-maps', MAIN], {
        env: {
          ...process.env,
          KUBENEST_KUBECONFIG: api.kubeconfigPath,
          REDIS_URL: api.redis.url,
          KUBENEST_CONTROLLER_MANAGER_PORT: String(port),
          // Only the controllers under test: no other engineer's controller acts on these objects.
          KUBENEST_CONTROLLERS: 'replicaset,replicationcontroller',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.pipe(log);
      child.stderr!.pipe(log);
      const manager = { child, port, exited: once(child, 'exit') };
      managers.push(manager);
      await waitUntil(
        async () => (await probe(port, '/readyz')) === 200,
        DEADLINE_MS,
        `controller-manager on ${port} ready`,
      );
      return manager;
    }

    /** Pods of app=<name> that count toward replicas (not being deleted), read from the API. */
    async function activePods(name: string): Promise<Pod[]> {
      const list = await client.list<Pod>(PODS, { namespace: 'default', labelSelector: `app=${name}` });
      return list.items.filter((p) => !p.metadata.deletionTimestamp);
    }
    const waitForPods = (name: string, count: number) =>
      waitUntil(async () => (await activePods(name)).length === count, DEADLINE_MS, `${count} pods of ${name}`);

    before(async () => {
      api = await startTestApiserver();
      client = createApiClient({ server: api.url, caPem: api.caPem, token: api.token });
      await startControllerManager();
    });

    after(async () => {
      for (const { child } of managers) if (child.exitCode === null) child.kill('SIGKILL');
      client?.close();
      await api?.stop();
    });

    it('keeps a ReplicaSet at 5, scales it with kubectl to 10 and to 2, and replaces a deleted pod', async () => {
      apply(replicaSetManifest('web', 5));
      await waitForPods('web', 5);
      const pods = await activePods('web');
      assert.ok(pods.every((p) => p.metadata.name!.startsWith('web-')));
      assert.ok(pods.every((p) => p.metadata.ownerReferences?.[0]?.controller === true));

      ctl('scale', 'replicaset', 'web', '--replicas=10');
      await waitForPods('web', 10);
      ctl('scale', 'replicaset', 'web', '--replicas=2');
      await waitForPods('web', 2);

      const [victim] = await activePods('web');
      ctl('delete', 'pod', victim.metadata.name!, '--wait=false');
      await waitUntil(
        async () => {
          const now = await activePods('web');
          return now.length === 2 && !now.some((p) => p.metadata.name === victim.metadata.name);
        },
        DEADLINE_MS,
        'a replacement pod',
      );
      await waitUntil(
        async () => {
          const rs = JSON.parse(ctl('get', 'rs', 'web', '-o', 'json')) as { status?: { replicas?: number } };
          return rs.status?.replicas === 2;
        },
        DEADLINE_MS,
        'status.replicas 2',
      );
      const events = ctl('get', 'events', '--field-selector', 'involvedObject.name=web', '-o', 'json');
      assert.match(events, /"reason": "SuccessfulCreate"/);
      assert.match(events, /"reason": "SuccessfulDelete"/);
    });

    it('keeps an RC at 5, and `kubectl delete rc --cascade=orphan` leaves its pods', async () => {
      apply(
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'ReplicationController',
          metadata: { name: 'legacy', namespace: 'default' },
          spec: {
            replicas: 5,
            selector: { app: 'legacy' },
            template: {
              metadata: { labels: { app: 'legacy' } },
              spec: { containers: [{ name: 'main', image: 'pause' }] },
            },
          },
        }),
      );
      await waitForPods('legacy', 5);
      const before = (await activePods('legacy')).map((p) => p.metadata.uid).sort();
      assert.ok(
        (await activePods('legacy')).every((p) => p.metadata.ownerReferences?.[0]?.kind === 'ReplicationController'),
      );

      ctl('delete', 'rc', 'legacy', '--cascade=orphan', '--wait=false');
      // Without a garbage collector the RC may linger with deletionTimestamp and the orphan finalizer:
      // either way, this controller must neither delete nor add pods for it.
      await waitUntil(
        async () => {
          const rc = kubectl(api.kubeconfigPath, ['get', 'rc', 'legacy', '-o', 'json']);
          return rc.status !== 0 || /deletionTimestamp/.test(rc.stdout);
        },
        DEADLINE_MS,
        'the RC deleted or being deleted',
      );
      // A reconcile after the deletion would have to run in this window to do harm: give it time to.
      await new Promise((r) => setTimeout(r, 3000));
      assert.deepEqual((await activePods('legacy')).map((p) => p.metadata.uid).sort(), before);
    });

    it('three controller-manager processes scale a ReplicaSet 0 -> 50 -> 5 -> 80 -> 0 -> 30 and never overshoot', async () => {
      await startControllerManager();
      await startControllerManager();
      assert.equal(managers.length, 3);
      for (const { port } of managers) assert.equal(await probe(port, '/healthz'), 200);

      // Every watch event is a sample: the count after each ADDED/DELETED is checked against the bound.
      const watched = new ListWatchInformer<Pod>(client, PODS, { namespace: 'default', labelSelector: 'app=burst' });
      let bound = 0;
      let maxSeen = 0;
      let samples = 0;
      const violations: string[] = [];
      const sample = () => {
        const count = watched.list().filter((p) => !p.metadata.deletionTimestamp).length;
        samples++;
        maxSeen = Math.max(maxSeen, count);
        if (count > bound) violations.push(`${count} pods while at most ${bound} were allowed`);
      };
      watched.addHandlers({ add: sample, update: sample, delete: sample });
      await watched.start();

      apply(replicaSetManifest('burst', 0));
      let previous = 0;
      const figures: string[] = [];
      for (const target of [50, 5, 80, 0, 30]) {
        // Scaling from `previous` to `target`: surplus pods may linger while deletes land, but
        // an RS never creates past its target, so the count stays within max(previous, target).
        bound = Math.max(previous, target);
        maxSeen = 0;
        ctl('scale', 'replicaset', 'burst', `--replicas=${target}`);
        await waitUntil(
          () => watched.list().filter((p) => !p.metadata.deletionTimestamp).length === target,
          DEADLINE_MS,
          `${target} burst pods`,
        );
        figures.push(`${previous}->${target}: max ${maxSeen}`);
        previous = target;
        bound = target;
      }
      // Settled: no late creates from a process acting on a stale cache.
      await new Promise((r) => setTimeout(r, 3000));
      assert.equal((await activePods('burst')).length, 30);
      watched.stop();
      // Reconciles of "replicaset" keys per process: which of the three did the work.
      const reconciles = await Promise.all(
        managers.map(async ({ port }) => {
          const text = await fetchText(port, '/metrics');
          return Number(/workqueue_work_duration_seconds_count\{name="replicaset"\} (\d+)/.exec(text)?.[1] ?? 0);
        }),
      );
      console.log(
        `three processes: ${figures.join(', ')}; ${samples} samples; reconciles per process ${reconciles.join('/')}`,
      );
      assert.deepEqual(violations, []);
      // How BullMQ spreads keys is not ours to assert (it varies run to run); that the
      // processes did the work, and never overshot while sharing it, is.
      assert.ok(reconciles.reduce((a, b) => a + b, 0) > 0, 'replicaset reconciles counted');

      for (const { port } of managers) assert.equal(await probe(port, '/healthz'), 200);
      const metrics = await fetchText(managers[0].port, '/metrics');
      assert.match(metrics, /kubenest_client_requests_total/);
      assert.match(metrics, /process_cpu_seconds_total/);
    });

    it('stops on SIGTERM with exit code 0', async () => {
      for (const { child } of managers) child.kill('SIGTERM');
      for (const { exited } of managers) assert.deepEqual((await exited)[0], 0);
    });
  },
);

async function probe(port: number, path: string): Promise<number> {
  try {
    return (await fetch(`http://127.0.0.1:${port}${path}`)).status;
  } catch {
    return 0;
  }
}

async function fetchText(port: number, path: string): Promise<string> {
  return (await fetch(`http://127.0.0.1:${port}${path}`)).text();
}
