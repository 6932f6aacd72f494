import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { dockerUnavailable, freePort, kubectl, kubectlPath, startTestCluster, type TestCluster } from '#testing';

const FIXTURES = join(import.meta.dirname, '../../../test/e2e/fixtures');

const skip = !kubectlPath ? 'kubectl is not on this machine' : dockerUnavailable;

interface Forward {
  port: number;
  stderr(): string;
  stop(): Promise<void>;
}

/** One HTTP GET on a fresh TCP connection (agent: false), so each is its own forwarded stream pair. */
function httpGet(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(body));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function until(what: string, condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

// kubectl port-forward (SPDY/3.1 tunnelled in a WebSocket, or a SPDY upgrade) and kubectl cp
// (tar through exec), through the apiserver to the node agent and into Docker containers.
describe('port-forward and cp on a kubenest up cluster', { skip }, () => {
  let cluster: TestCluster;
  let podName: string;
  const forwards: Forward[] = [];
  const ok = (...args: string[]): string => {
    const r = kubectl(cluster.kubeconfigPath, args);
    assert.equal(r.status, 0, `kubectl ${args.join(' ')} failed:\n${r.stderr}${r.stdout}`);
    return r.stdout;
  };

  const portForward = async (target: string, remotePort: number, env: NodeJS.ProcessEnv = {}): Promise<Forward> => {
    const port = await freePort();
    const child: ChildProcess = spawn(kubectlPath!, ['port-forward', target, `${port}:${remotePort}`], {
      env: {
        ...process.env,
        KUBECONFIG: cluster.kubeconfigPath,
        KUBECACHEDIR: join(dirname(cluster.kubeconfigPath), 'kube-cache'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = once(child, 'exit');
    const forward: Forward = {
      port,
      stderr: () => stderr,
      async stop() {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          await exited;
        }
      },
    };
    forwards.push(forward);
    await until(`kubectl port-forward ${target} to listen (stderr: ${stderr})`, () => {
      if (child.exitCode !== null) throw new Error(`kubectl port-forward exited: ${stderr}`);
      return stdout.includes(`Forwarding from 127.0.0.1:${port}`);
    });
    return forward;
  };

  before(async () => {
    cluster = await startTestCluster();
    ok('apply', '-f', join(FIXTURES, 'microservice.yaml'));
    ok('rollout', 'status', 'deploy/microservice1', '--timeout=120s');
    podName = ok(
      'get',
      'pods',
      '-l',
      'app=microservice1',
      '--field-selector=status.phase=Running',
      '-o',
      'jsonpath={.items[0].metadata.name}',
    ).trim();
    assert.ok(podName, 'a running microservice1 pod');
  });
  after(async () => {
    for (const forward of forwards) await forward.stop();
    await cluster?.stop();
  });

  it('forwards a local port to a pod, for sequential and concurrent connections', async () => {
    const forward = await portForward(`pod/${podName}`, 3000);
    const expected = `hello from ${podName} (version 1.0)`;
    for (let i = 0; i < 5; i++) assert.equal((await httpGet(forward.port)).trim(), expected);
    const concurrent = await Promise.all(Array.from({ length: 10 }, () => httpGet(forward.port)));
    assert.deepEqual(
      concurrent.map((body) => body.trim()),
      Array.from({ length: 10 }, () => expected),
    );
    await forward.stop();
  });

  it('forwards over a plain SPDY/3.1 upgrade when kubectl does not tunnel through a WebSocket', async () => {
    const forward = await portForward(`pod/${podName}`, 3000, { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' });
    assert.equal((await httpGet(forward.port)).trim(), `hello from ${podName} (version 1.0)`);
    await forward.stop();
  });

  it('forwards to a deployment through one of its pods', async () => {
    const pods = ok('get', 'pods', '-l', 'app=microservice1', '-o', 'jsonpath={.items[*].metadata.name}').split(' ');
    const forward = await portForward('deploy/microservice1', 3000);
    for (let i = 0; i < 3; i++) {
      const body = (await httpGet(forward.port)).trim();
      const match = /^hello from (\S+) \(version 1\.0\)$/.exec(body);
      assert.ok(match && pods.includes(match[1]), `answer from a microservice1 pod, got ${JSON.stringify(body)}`);
    }
    await forward.stop();
  });

  it('reports a pod port nothing listens on as an error', async () => {
    const forward = await portForward(`pod/${podName}`, 3999);
    await assert.rejects(httpGet(forward.port), 'the local connection is dropped, not answered');
    await until(`kubectl to report the refused port (stderr: ${forward.stderr()})`, () =>
      /error forwarding port 3999 to pod \S+: .*(ECONNREFUSED|connection refused)/.test(forward.stderr()),
    );
    await forward.stop();
  });

  it('copies a file into a pod and back unchanged with kubectl cp', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubenest-cp-'));
    try {
      // Binary and larger than one stream chunk, so stdin EOF and framing both matter.
      const payload = randomBytes(300_000);
      writeFileSync(join(dir, 'payload.bin'), payload);
      ok('exec', podName, '--', 'mkdir', '-p', '/data'); // the busybox image has no /tmp
      ok('cp', join(dir, 'payload.bin'), `default/${podName}:/data/payload.bin`);
      assert.equal(ok('exec', podName, '--', 'wc', '-c', '/data/payload.bin').trim().split(/\s+/)[0], '300000');
      ok('cp', `default/${podName}:/data/payload.bin`, join(dir, 'back.bin'));
      assert.ok(readFileSync(join(dir, 'back.bin')).equals(payload), 'the copy back is byte-identical');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
