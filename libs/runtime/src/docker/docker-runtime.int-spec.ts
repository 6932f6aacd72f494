import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { freePort } from '#testing';
import type { ContainerConfig, ContainerStatus, SandboxStatus } from '../container-runtime.js';
import { ImagePullError } from '../image-pull-error.js';
import { buildWorkloadImages } from './build-workload-images.js';
import { hostEndOf } from './pod-network/veth-network.js';
import { DockerRuntime } from './docker-runtime.js';
import { WorkloadImages } from './workload-images.js';

const TEST_LABEL = 'io.kubenest.test';
const runId = randomUUID().slice(0, 8);
const subnetPrefix = `10.213.${process.pid % 250}`;
const network = { name: `kubenest-test-${runId}`, subnet: `${subnetPrefix}.0/24` };
const reservationsDir = mkdtempSync(join(tmpdir(), 'kubenest-ip-reservations-'));
const reservations = join(reservationsDir, network.name);
/** Where the runtime wires sandboxes itself (root with iproute2): the upper half of the subnet. */
const wires = process.getuid?.() === 0;
const dockerProblem = await dockerUnavailable();
if (dockerProblem) console.error(`docker runtime tests skipped: ${dockerProblem}`);

/** bin/setup.js installs and starts Docker as root on Debian; otherwise it says what is missing. */
async function dockerUnavailable(): Promise<string | undefined> {
  const setup = (await import(pathToFileURL(join(process.cwd(), 'bin', 'setup.js')).href)) as {
    ensureDocker(): void;
  };
  try {
    setup.ensureDocker();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe('DockerRuntime', { skip: dockerProblem }, () => {
  const docker = new Docker();
  const options = { network, scopeLabels: { [TEST_LABEL]: runId }, ipReservationsDir: reservationsDir };
  const runtime = new DockerRuntime(options);

  before(async () => {
    const build = await buildWorkloadImages();
    console.error(`workload images ready in ${build.ms} ms:\n${build.output}`);
  });

  after(async () => {
    const leftovers = await docker.listContainers({ all: true, filters: { label: [`${TEST_LABEL}=${runId}`] } });
    await Promise.all(leftovers.map((c) => docker.getContainer(c.Id).remove({ force: true })));
    const networks = await docker.listNetworks({ filters: { name: [network.name] } });
    await Promise.all(networks.map((n) => docker.getNetwork(n.Id).remove()));
    rmSync(reservationsDir, { recursive: true, force: true });
  });

  async function runPod(
    name: string,
    extra: Partial<Parameters<DockerRuntime['runSandbox']>[0]> = {},
    on: DockerRuntime = runtime,
  ): Promise<SandboxStatus> {
    return on.runSandbox({
      podUid: randomUUID(),
      namespace: 'default',
      name,
      hostname: name,
      labels: { app: name },
      ...extra,
    });
  }

  /** The last octet of a pod IP on the test subnet. */
  function hostPart(ip: string | undefined): number {
    assert.match(ip ?? '', new RegExp(`^${subnetPrefix.replaceAll('.', '\\.')}\\.\\d+$`));
    return Number(ip!.split('.')[3]);
  }

  async function hostVethExists(sandboxId: string): Promise<boolean> {
    return promisify(execFile)('ip', ['link', 'show', hostEndOf(sandboxId)]).then(
      () => true,
      () => false,
    );
  }

  async function run(sandbox: SandboxStatus, config: Partial<ContainerConfig> & { name: string }): Promise<string> {
    const id = await runtime.createContainer(sandbox.id, {
      image: WorkloadImages.busybox,
      env: [],
      mounts: [],
      labels: {},
      ...config,
    });
    await runtime.startContainer(id);
    return id;
  }

  async function exited(id: string, timeoutMs = 20_000): Promise<ContainerStatus> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = await runtime.containerStatus(id);
      if (status?.state === 'exited') return status;
      if (Date.now() > deadline) assert.fail(`container ${id} still ${status?.state} after ${timeoutMs} ms`);
      await sleep(100);
    }
  }

  async function httpGet(url: string): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await (await fetch(url)).text();
      } catch (error) {
        if (attempt > 50) throw error; // the server may need a moment to listen
        await sleep(100);
      }
    }
  }

  async function execText(id: string, command: string[], stdin?: string) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    stdout.on('data', (chunk: Buffer) => out.push(chunk));
    stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const code = await runtime.exec(id, {
      command,
      tty: false,
      stdout,
      stderr,
      stdin: stdin === undefined ? undefined : Readable.from([stdin]),
    });
    return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
  }

  async function readAll(stream: Readable): Promise<string> {
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    return text;
  }

  it('gives a sandbox an IP on the pod network and lists it with its labels', async () => {
    const sandbox = await runPod('ip-pod');
    assert.equal(sandbox.state, 'ready');
    assert.ok(hostPart(sandbox.ip) >= (wires ? 128 : 2));
    const listed = (await runtime.listSandboxes()).find((s) => s.id === sandbox.id);
    assert.equal(listed?.labels['io.kubernetes.pod.name'], 'ip-pod');
    assert.equal(listed?.labels.app, 'ip-pod');
    assert.equal(listed?.podUid, sandbox.podUid);
    assert.equal(listed?.ip, sandbox.ip);
    assert.equal(listed?.state, 'ready');
  });

  it('wires a sandbox itself as root: veth on the bridge, reserved address, hosts file, released on stop', async (t) => {
    if (!wires) return t.skip('wiring sandboxes takes root');
    const sandbox = await runPod('wired', {
      dns: { nameservers: ['169.254.1.1'], searches: ['default.svc.cluster.local'], options: ['ndots:5'] },
    });
    const info = await docker.getContainer(sandbox.id).inspect();
    assert.equal(info.HostConfig.NetworkMode, 'none');
    assert.equal(info.Config.Labels?.['io.kubenest.pod-ip'], sandbox.ip);
    assert.equal(readFileSync(join(reservations, sandbox.ip!), 'utf8'), info.Name.slice(1));
    assert.ok(await hostVethExists(sandbox.id));
    const shell = await run(sandbox, { name: 'shell', command: ['sleep', '600'] });
    const hosts = await execText(shell, ['cat', '/etc/hosts']);
    assert.match(hosts.stdout, new RegExp(`^${sandbox.ip!.replaceAll('.', '\\.')}\\twired$`, 'm'));
    const resolv = await execText(shell, ['cat', '/etc/resolv.conf']);
    assert.equal(resolv.stdout, 'nameserver 169.254.1.1\nsearch default.svc.cluster.local\noptions ndots:5\n');
    const route = await execText(shell, ['ip', 'route']);
    assert.match(route.stdout, new RegExp(`^default via ${subnetPrefix.replaceAll('.', '\\.')}\\.1 dev eth0`, 'm'));

    // Pods reach each other over the bridge, whoever wired them.
    const web = await runPod('wired-web');
    await run(web, {
      name: 'web',
      image: WorkloadImages.microservice.v1,
      env: [{ name: 'POD_NAME', value: 'wired-web' }],
    });
    await httpGet(`http://${web.ip}:3000/healthz`);
    const across = await execText(shell, ['wget', '-qO-', `http://${web.ip}:3000/`]);
    assert.equal(across.stdout, 'hello from wired-web (version 1.0)\n', across.stderr);

    await runtime.stopSandbox(sandbox.id);
    assert.equal(existsSync(join(reservations, sandbox.ip!)), false, 'stopping gives the address back');
    assert.equal(await hostVethExists(sandbox.id), false, 'the veth ends with the network namespace');
    const stopped = (await runtime.listSandboxes()).find((s) => s.id === sandbox.id);
    assert.equal(stopped?.state, 'notready');
    assert.equal(stopped?.ip, undefined);
    await runtime.removeSandbox(sandbox.id);
    assert.equal(await runtime.containerStatus(sandbox.id), undefined);
  });

  it('lets a restarted agent adopt a wired sandbox and release what a crashed one left', async (t) => {
    if (!wires) return t.skip('wiring sandboxes takes root');
    const sandbox = await runPod('survivor');
    // A reservation whose sandbox is gone (the agent crashed before removing it), an hour old,
    // on an address the survivor did not draw.
    const leftover = [`${subnetPrefix}.250`, `${subnetPrefix}.251`].find((ip) => ip !== sandbox.ip)!;
    writeFileSync(join(reservations, leftover), 'k8s_POD_gone_default_x_y');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(reservations, leftover), anHourAgo, anHourAgo);
    utimesSync(join(reservations, sandbox.ip!), anHourAgo, anHourAgo);

    const restarted = new DockerRuntime(options);
    const adopted = (await restarted.listSandboxes()).find((s) => s.id === sandbox.id);
    assert.equal(adopted?.ip, sandbox.ip);
    const next = await runPod('next', {}, restarted);
    assert.notEqual(next.ip, sandbox.ip);
    const reserved = readdirSync(reservations);
    // Released; the new sandbox may have drawn the same address since, but under its own name.
    const leftoverPath = join(reservations, leftover);
    assert.ok(
      !existsSync(leftoverPath) || readFileSync(leftoverPath, 'utf8') !== 'k8s_POD_gone_default_x_y',
      'the leftover reservation was released',
    );
    assert.ok(reserved.includes(sandbox.ip!), 'the running sandbox keeps its address, however old');
    await restarted.removeSandbox(sandbox.id);
    assert.ok(!readdirSync(reservations).includes(sandbox.ip!));
  });

  it('lets Docker attach sandboxes with host ports, and publish them', async () => {
    const hostPort = await freePort();
    const sandbox = await runPod('published', {
      portMappings: [{ containerPort: 3000, hostPort, protocol: 'TCP' }],
    });
    assert.ok(hostPart(sandbox.ip) < 128, `Docker's address ${sandbox.ip} is from the lower half`);
    await run(sandbox, {
      name: 'web',
      image: WorkloadImages.microservice.v1,
      env: [{ name: 'POD_NAME', value: 'published' }],
    });
    assert.equal(await httpGet(`http://127.0.0.1:${hostPort}/`), 'hello from published (version 1.0)\n');
    await runtime.removeSandbox(sandbox.id);
  });

  it('lets Docker attach every sandbox when told so', async () => {
    const attachedByDocker = new DockerRuntime({ ...options, podNetworkAttach: 'docker' });
    const sandbox = await runPod('docker-attached', {}, attachedByDocker);
    assert.equal((await docker.getContainer(sandbox.id).inspect()).HostConfig.NetworkMode, network.name);
    assert.ok(hostPart(sandbox.ip) < 128);
    await run(sandbox, { name: 'web', image: WorkloadImages.microservice.v1, env: [{ name: 'POD_NAME', value: 'd' }] });
    assert.equal(await httpGet(`http://${sandbox.ip}:3000/`), 'hello from d (version 1.0)\n');
    await attachedByDocker.removeSandbox(sandbox.id);
  });

  it('serves the microservice through the sandbox IP, and its containers share localhost', async () => {
    const sandbox = await runPod('web-1');
    await run(sandbox, {
      name: 'web',
      image: WorkloadImages.microservice.v1,
      env: [{ name: 'POD_NAME', value: 'web-1' }],
    });
    const sidecar = await run(sandbox, { name: 'sidecar', command: ['sleep', '600'] });

    assert.equal(await httpGet(`http://${sandbox.ip}:3000/`), 'hello from web-1 (version 1.0)\n');
    const viaLocalhost = await execText(sidecar, ['wget', '-qO-', 'http://127.0.0.1:3000/']);
    assert.equal(viaLocalhost.code, 0, viaLocalhost.stderr);
    assert.equal(viaLocalhost.stdout, 'hello from web-1 (version 1.0)\n');

    const forwarded = await runtime.portForward(sandbox.id, 3000);
    forwarded.write('GET /healthz HTTP/1.0\r\n\r\n');
    const response = await readAll(forwarded as unknown as Readable);
    assert.match(response, /^HTTP\/1\.1 200 OK/);
    assert.match(response, /\r\n\r\nok\n$/);
  });

  it('answers differently in version 2.0, and /fail turns /healthz to 500', async () => {
    const sandbox = await runPod('web-2');
    await run(sandbox, { name: 'web', image: WorkloadImages.microservice.v2, env: [{ name: 'PORT', value: '8080' }] });
    assert.equal(await httpGet(`http://${sandbox.ip}:8080/`), 'hello again from web-2 (version 2.0)\n');
    assert.equal((await fetch(`http://${sandbox.ip}:8080/healthz`)).status, 200);
    await fetch(`http://${sandbox.ip}:8080/fail`);
    assert.equal((await fetch(`http://${sandbox.ip}:8080/healthz`)).status, 500);
  });

  it('stops with the grace period: SIGTERM, then SIGKILL when it is ignored', async () => {
    const sandbox = await runPod('stopper');
    const stubborn = await run(sandbox, {
      name: 'stubborn',
      command: ['sh', '-c', 'trap "" TERM; while :; do sleep 1; done'],
    });
    const polite = await run(sandbox, { name: 'polite', image: WorkloadImages.microservice.v1 });
    await httpGet(`http://${sandbox.ip}:3000/healthz`);

    let started = Date.now();
    await runtime.stopContainer(polite, 10);
    assert.ok(Date.now() - started < 5_000, `a container that exits on SIGTERM took ${Date.now() - started} ms`);
    const politeStatus = await exited(polite);
    assert.equal(politeStatus.exitCode, 0);
    assert.equal(politeStatus.reason, 'Completed');

    started = Date.now();
    await runtime.stopContainer(stubborn, 2);
    const took = Date.now() - started;
    assert.ok(took >= 1_900 && took < 8_000, `SIGKILL came after ${took} ms, grace was 2 s`);
    const stubbornStatus = await exited(stubborn);
    assert.equal(stubbornStatus.exitCode, 137);
    assert.equal(stubbornStatus.reason, 'Error');
    assert.ok(
      stubbornStatus.finishedAt && stubbornStatus.startedAt && stubbornStatus.finishedAt > stubbornStatus.startedAt,
    );
  });

  it('reports OOMKilled when a container outgrows a tiny memory limit', async (t) => {
    const sandbox = await runPod('oom');
    const hog = await run(sandbox, {
      name: 'hog',
      command: ['sh', '-c', 'x=0123456789abcdef; while :; do x="$x$x"; done'],
      resources: { memoryBytes: 16 * 1024 * 1024 },
    });
    const status = await exited(hog, 60_000);
    if (status.reason !== 'OOMKilled' && status.exitCode !== 137) {
      t.skip(`the kernel did not enforce the memory limit (exit ${status.exitCode}, ${status.reason})`);
      return;
    }
    assert.equal(status.reason, 'OOMKilled');
    assert.equal(status.exitCode, 137);
  });

  it('reads logs with tail, timestamps, since and follow until the container exits', async () => {
    const sandbox = await runPod('logger');
    const id = await run(sandbox, {
      name: 'logger',
      // Docker copies stdout and stderr separately: only a pause orders lines across them.
      command: ['sh', '-c', 'for i in 1 2 3 4 5; do echo line $i; done; sleep 1; echo oops >&2; sleep 1; echo late'],
    });
    const followed = await readAll(await runtime.logs(id, { follow: true, timestamps: false }));
    assert.equal(followed, 'line 1\nline 2\nline 3\nline 4\nline 5\noops\nlate\n');
    assert.equal((await runtime.containerStatus(id))?.state, 'exited');

    const tail = await readAll(await runtime.logs(id, { follow: false, tailLines: 2, timestamps: false }));
    assert.equal(tail, 'oops\nlate\n');
    const stamped = await readAll(await runtime.logs(id, { follow: false, tailLines: 1, timestamps: true }));
    assert.match(stamped, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z late\n$/);
    const future = await readAll(
      await runtime.logs(id, { follow: false, sinceTime: new Date(Date.now() + 60_000), timestamps: false }),
    );
    assert.equal(future, '');
  });

  it('execs with exit codes, separate stdout and stderr, stdin and a TTY', async () => {
    const sandbox = await runPod('exec');
    const id = await run(sandbox, { name: 'shell', command: ['sleep', '600'] });
    assert.equal((await execText(id, ['sh', '-c', 'exit 3'])).code, 3);
    const split = await execText(id, ['sh', '-c', 'echo out; echo err >&2']);
    assert.deepEqual(split, { code: 0, stdout: 'out\n', stderr: 'err\n' });
    const echoed = await execText(id, ['cat'], 'from stdin\n');
    assert.deepEqual(echoed, { code: 0, stdout: 'from stdin\n', stderr: '' });

    const terminal = new PassThrough();
    let shown = '';
    terminal.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    const code = await runtime.exec(id, {
      command: ['sh', '-c', 'test -t 1 && echo tty'],
      tty: true,
      stdout: terminal,
    });
    assert.equal(code, 0);
    assert.equal(shown, 'tty\r\n'); // a TTY turns \n into \r\n
  });

  it('labels containers so that a new runtime instance finds them', async () => {
    const sandbox = await runPod('adopt');
    const id = await run(sandbox, {
      name: 'app',
      command: ['sleep', '600'],
      labels: { 'io.kubenest.pod.hash': 'abc' },
    });
    const restarted = new DockerRuntime(options);
    const [found] = await restarted.listContainers({ sandboxId: sandbox.id });
    assert.equal(found?.id, id);
    assert.equal(found?.name, 'app');
    assert.equal(found?.state, 'running');
    assert.equal(found?.sandboxId, sandbox.id);
    assert.equal(found?.labels['io.kubernetes.pod.name'], 'adopt');
    assert.equal(found?.labels['io.kubernetes.pod.uid'], sandbox.podUid);
    assert.equal(found?.labels['io.kubenest.pod.hash'], 'abc');
    assert.deepEqual(
      (await restarted.listContainers({ labels: { 'io.kubenest.pod.hash': 'abc' } })).map((c) => c.id),
      [id],
    );
    const otherScope = new DockerRuntime({ ...options, scopeLabels: { [TEST_LABEL]: 'someone-else' } });
    assert.deepEqual(await otherScope.listContainers({ sandboxId: sandbox.id }), []);
  });

  it('honours pull policies and types pull failures', async () => {
    const missing = 'localhost:5000/kubenest-missing:0.0';
    await assert.rejects(runtime.ensureImage(missing, 'IfNotPresent'), (error: unknown) => {
      assert.ok(error instanceof ImagePullError);
      assert.equal(error.reason, 'ErrImagePull');
      assert.match(error.message, /manifest unknown|not found/i);
      return true;
    });
    await assert.rejects(runtime.ensureImage(missing, 'Never'), (error: unknown) => {
      assert.ok(error instanceof ImagePullError);
      assert.equal(error.reason, 'ErrImageNeverPull');
      return true;
    });
    const local = await runtime.ensureImage(WorkloadImages.microservice.v2, 'Never');
    const pulled = await runtime.ensureImage(WorkloadImages.microservice.v2, 'Always'); // from the local registry
    assert.match(pulled.imageId, /^sha256:/);
    assert.equal(pulled.imageId, local.imageId);
  });

  it('reports ContainerCannotRun for a missing executable', async () => {
    const sandbox = await runPod('broken');
    const id = await runtime.createContainer(sandbox.id, {
      name: 'broken',
      image: WorkloadImages.busybox,
      command: ['/no/such/binary'],
      env: [],
      mounts: [],
      labels: {},
    });
    await assert.rejects(runtime.startContainer(id));
    const status = await runtime.containerStatus(id);
    assert.equal(status?.reason, 'ContainerCannotRun');
    assert.match(status?.message ?? '', /no such file/i);
    // Exited, not "created": the kubelet restarts it and shows it as terminated.
    assert.equal(status?.state, 'exited');
    assert.equal(status?.exitCode, 127);
  });

  it('samples stats and resources of a running container', async () => {
    const sandbox = await runPod('stats');
    const id = await run(sandbox, {
      name: 'busy',
      command: ['sh', '-c', 'while :; do :; done'],
      resources: { cpuMillis: 500, cpuRequestMillis: 250, memoryBytes: 64 * 1024 * 1024 },
    });
    const info = await docker.getContainer(id).inspect();
    assert.equal(info.HostConfig.NanoCpus, 500_000_000);
    assert.equal(info.HostConfig.CpuShares, 256);
    assert.equal(info.HostConfig.Memory, 64 * 1024 * 1024);
    // Rotated by Docker as the kubelet rotates: 10Mi per file, 5 files (DEFAULT_CONTAINER_LOGS).
    assert.deepEqual(info.HostConfig.LogConfig, {
      Type: 'json-file',
      Config: { 'max-size': String(10 * 1024 * 1024), 'max-file': '5' },
    });
    const stats = await runtime.stats(id);
    assert.ok(stats, 'a running container has stats');
    assert.ok(stats.cpuUsageCoreNanoSeconds > 0);
    assert.ok(stats.memoryWorkingSetBytes > 0);
    await runtime.stopSandbox(sandbox.id);
    assert.equal((await runtime.containerStatus(id))?.state, 'exited');
    await runtime.removeSandbox(sandbox.id);
    assert.equal(await runtime.containerStatus(id), undefined);
    assert.equal(await runtime.containerStatus(sandbox.id), undefined);
  });
});
