import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadCliConfig, type CliConfig } from '../config/cli-config.js';
import { projectRoot } from '../project-root.js';
import { redisSocketPath } from '../components/redis-component.js';
import { runUp } from './up-command.js';

// `up` end to end with a stand-in apiserver: the real one is tested on its own; this checks
// what `up` does around it (env, readiness over TLS with the cluster CA, the kubeconfig,
// the token, stop order and failure handling) with kubectl as the client.
const STUB_APISERVER = `
import { createServer } from 'node:https';
const security = await import(${JSON.stringify(join(projectRoot(), 'dist/apps/apiserver/src/security/index.js'))});
const env = process.env;
const pki = await security.ensurePki(env.KUBENEST_DATA_DIR, { extraSans: env.KUBENEST_EXTRA_SANS.split(',').filter(Boolean) });
const auth = new security.TokenAuthenticator(security.tokenFilePath(env.KUBENEST_DATA_DIR));
createServer({ cert: pki.certPem, key: pki.keyPem }, (req, res) => {
  if (req.url === '/readyz') return res.end('ok');
  const user = auth.authenticate(req.headers.authorization);
  res.writeHead(user ? 200 : 401, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ user, redisUrl: env.REDIS_URL }));
}).listen(Number(env.KUBENEST_SECURE_PORT), env.KUBENEST_BIND_ADDRESS, () => console.log(JSON.stringify({ level: 30, msg: 'stub listening' })));
`;

describe('kubenest up', () => {
  let dir: string;
  let root: string;
  let config: CliConfig;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubenest-up-'));
    root = join(dir, 'checkout');
    await mkdir(join(root, 'dist/apps/apiserver/src'), { recursive: true });
    await writeFile(join(root, 'dist/apps/apiserver/src/main.js'), STUB_APISERVER);
    config = loadCliConfig(
      { dataDir: join(dir, 'data'), port: String(await freePort()), readyTimeout: '30', components: 'apiserver' },
      {},
    );
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('starts Redis and the apiserver, writes a working admin kubeconfig, stops both on request', async () => {
    const lines: string[] = [];
    const stop = new AbortController();
    const exit = runUp(config, { root, stop: stop.signal, report: (line) => lines.push(line) });
    await waitFor(() => lines.some((l) => l.startsWith('kubenest is up')), exit);

    const kubeconfig = join(config.dataDir, 'admin.kubeconfig');
    assert.ok(lines.includes(`  export KUBECONFIG=${kubeconfig}`));
    const { stdout } = await promisify(execFile)('kubectl', ['--kubeconfig', kubeconfig, 'get', '--raw', '/whoami']);
    const seen = JSON.parse(stdout);
    assert.equal(seen.user.username, 'kubernetes-admin');
    assert.deepEqual(seen.user.groups, ['system:masters', 'system:authenticated']);
    assert.equal(seen.redisUrl, `unix://${redisSocketPath(config.dataDir)}`);

    stop.abort();
    assert.equal(await exit, 0);
    const order = lines
      .filter((l) => / \| (stopping|stopped)/.test(l))
      .map((l) => l.replace(/\s+\|.*?(stopping|stopped).*/, ' $1'));
    assert.deepEqual(order, ['apiserver stopping', 'apiserver stopped', 'redis stopping', 'redis stopped']);
    assert.equal(existsSync(redisSocketPath(config.dataDir)), false, 'Redis removed its socket on SHUTDOWN');
  });

  it('stops the rest and exits 1 when a component dies', async () => {
    const lines: string[] = [];
    const exit = runUp(config, { root, report: (line) => lines.push(line) });
    await waitFor(() => lines.some((l) => l.startsWith('kubenest is up')), exit);
    const pid = Number(
      /^apiserver\s+\| started \(pid (\d+)\)/.exec(
        lines.find((l) => l.startsWith('apiserver ') && l.includes('started (pid')) ?? '',
      )?.[1],
    );
    process.kill(pid, 'SIGKILL');

    assert.equal(await exit, 1);
    assert.ok(
      lines.includes('kubenest: apiserver was killed by SIGKILL unexpectedly; stopping the rest'),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((l) => /^redis\s+\| stopped \(exited with code 0\)/.test(l)),
      lines.join('\n'),
    );
  });
});

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls until the condition holds; fails fast if `up` already returned. */
async function waitFor(condition: () => boolean, exit: Promise<number>): Promise<void> {
  let exited: number | undefined;
  void exit.then((code) => (exited = code));
  for (let i = 0; i < 300; i++) {
    if (condition()) return;
    if (exited !== undefined) assert.fail(`kubenest up exited with ${exited} before the condition held`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail('timed out');
}
