import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ContainerConfig, ContainerStatus, SandboxStatus } from '../container-runtime.js';
import { ImagePullError } from '../image-pull-error.js';
import { ProcessRuntime } from './process-runtime.js';

const BUSYBOX = 'localhost:5000/busybox:1.36';

describe('ProcessRuntime', () => {
  let root: string;
  let runtime: ProcessRuntime;
  let sandbox: SandboxStatus;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'kubenest-process-runtime-'));
    runtime = new ProcessRuntime({ rootDir: root, scopeLabels: { 'io.kubenest.node': 'hollow-1' } });
    sandbox = await runtime.runSandbox({
      podUid: 'uid-1',
      namespace: 'default',
      name: 'pod-1',
      hostname: 'pod-1',
      labels: { app: 'demo' },
    });
  });

  after(async () => {
    // A fresh instance sees every container, including ones started by other instances.
    const cleaner = new ProcessRuntime({ rootDir: root });
    for (const { id } of await cleaner.listSandboxes()) await cleaner.removeSandbox(id);
    await rm(root, { recursive: true, force: true });
  });

  async function run(config: Partial<ContainerConfig> & { name: string }): Promise<string> {
    const id = await runtime.createContainer(sandbox.id, {
      image: BUSYBOX,
      env: [],
      mounts: [],
      labels: {},
      ...config,
    });
    await runtime.startContainer(id);
    return id;
  }

  async function exited(target: ProcessRuntime, id: string): Promise<ContainerStatus> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const status = await target.containerStatus(id);
      if (status?.state === 'exited') return status;
      if (Date.now() > deadline) assert.fail(`container ${id} still ${status?.state}`);
      await sleep(50);
    }
  }

  async function readAll(stream: Readable): Promise<string> {
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    return text;
  }

  it('puts every pod on 127.0.0.1 and labels the sandbox', async () => {
    const [listed] = await runtime.listSandboxes();
    assert.equal(listed?.ip, '127.0.0.1');
    assert.equal(listed?.state, 'ready');
    assert.equal(listed?.labels['io.kubernetes.pod.name'], 'pod-1');
    assert.equal(listed?.labels['io.kubenest.node'], 'hollow-1');
  });

  it('runs a container to completion and writes Docker json-file logs', async () => {
    const id = await run({ name: 'job', command: ['sh', '-c', 'echo hello; echo oops >&2; printf partial; exit 3'] });
    const status = await exited(runtime, id);
    assert.equal(status.exitCode, 3);
    assert.equal(status.reason, 'Error');
    assert.ok(status.startedAt && status.finishedAt && status.finishedAt >= status.startedAt);
    const entries = (await readFile(status.logPath ?? '', 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { log: string; stream: string; time: string });
    assert.deepEqual(
      entries.map(({ log, stream }) => ({ log, stream })).sort((a, b) => a.log.localeCompare(b.log)),
      [
        { log: 'hello\n', stream: 'stdout' },
        { log: 'oops\n', stream: 'stderr' },
        { log: 'partial', stream: 'stdout' }, // no newline at exit: written as Docker does
      ],
    );
    for (const { time } of entries) assert.match(time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);

    const completed = await exited(runtime, await run({ name: 'ok', command: ['true'] }));
    assert.equal(completed.reason, 'Completed');
    assert.equal(completed.exitCode, 0);
  });

  it('follows logs until exit, and tails them', async () => {
    const id = await run({ name: 'logger', command: ['sh', '-c', 'for i in 1 2 3; do echo line $i; sleep 0.3; done'] });
    assert.equal(
      await readAll(await runtime.logs(id, { follow: true, timestamps: false })),
      'line 1\nline 2\nline 3\n',
    );
    assert.equal(await readAll(await runtime.logs(id, { follow: false, tailLines: 1, timestamps: false })), 'line 3\n');
  });

  it('stops with SIGTERM, and with SIGKILL after the grace period when SIGTERM is ignored', async () => {
    const polite = await run({ name: 'polite', command: ['sleep', '600'] });
    let started = Date.now();
    await runtime.stopContainer(polite, 10);
    assert.ok(Date.now() - started < 3_000, `took ${Date.now() - started} ms`);
    assert.equal((await exited(runtime, polite)).exitCode, 143); // 128 + SIGTERM

    const stubborn = await run({
      name: 'stubborn',
      command: ['sh', '-c', 'trap "" TERM; echo ready; while :; do sleep 0.2; done'],
    });
    await sleep(300); // let the trap be installed
    started = Date.now();
    await runtime.stopContainer(stubborn, 1);
    const took = Date.now() - started;
    assert.ok(took >= 950 && took < 4_000, `SIGKILL after ${took} ms with a 1 s grace`);
    assert.equal((await exited(runtime, stubborn)).exitCode, 137); // 128 + SIGKILL
  });

  it('execs in the container directory and environment, with exit codes and stdin', async () => {
    const id = await run({
      name: 'shell',
      command: ['sleep', '600'],
      env: [{ name: 'GREETING', value: 'hi' }],
      workingDir: '/app',
    });
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await runtime.exec(id, {
      command: ['sh', '-c', 'pwd; echo $GREETING; cat; exit 4'],
      tty: false,
      stdout,
      stdin: Readable.from(['piped\n']),
    });
    assert.equal(code, 4);
    assert.equal(out, `${join(root, 'containers', id, 'rootfs', 'app')}\nhi\npiped\n`);
  });

  it('lets a new runtime over the same root adopt running containers', async () => {
    const id = await run({ name: 'long', command: ['sleep', '600'], labels: { 'io.kubenest.pod.hash': 'h1' } });
    const restarted = new ProcessRuntime({ rootDir: root });
    const [adopted] = await restarted.listContainers({ labels: { 'io.kubenest.pod.hash': 'h1' } });
    assert.equal(adopted?.id, id);
    assert.equal(adopted?.state, 'running');
    assert.equal(adopted?.labels['io.kubernetes.container.name'], 'long');
    assert.equal(adopted?.sandboxId, sandbox.id);
    assert.ok(((await restarted.stats(id))?.memoryWorkingSetBytes ?? 0) > 0);
    await restarted.stopContainer(id, 5);
    assert.equal((await exited(restarted, id)).exitCode, 143);
    assert.equal((await runtime.containerStatus(id))?.state, 'exited'); // the shim's record, seen by both
  });

  it('does not pull images: unknown ones fail typed, host paths run as themselves', async () => {
    await assert.rejects(runtime.ensureImage('nginx:1.27', 'IfNotPresent'), (error: unknown) => {
      assert.ok(error instanceof ImagePullError);
      assert.equal(error.reason, 'ErrImagePull');
      return true;
    });
    await assert.rejects(runtime.ensureImage('nginx:1.27', 'Never'), (error: unknown) => {
      assert.ok(error instanceof ImagePullError);
      assert.equal(error.reason, 'ErrImageNeverPull');
      return true;
    });
    await runtime.ensureImage('/bin/echo', 'Always');
    const id = await run({ name: 'echo', image: '/bin/echo', args: ['from', 'host'] });
    await exited(runtime, id);
    assert.equal(await readAll(await runtime.logs(id, { follow: false, timestamps: false })), 'from host\n');
  });

  it('reports ContainerCannotRun when the command does not exist', async () => {
    const id = await runtime.createContainer(sandbox.id, {
      name: 'broken',
      image: BUSYBOX,
      command: ['/no/such/binary'],
      env: [],
      mounts: [],
      labels: {},
    });
    await assert.rejects(runtime.startContainer(id), /ENOENT/);
    const status = await runtime.containerStatus(id);
    assert.equal(status?.reason, 'ContainerCannotRun');
  });
});
