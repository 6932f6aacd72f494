import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { writeKubeconfig } from './kubeconfig.js';

const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('writeKubeconfig', () => {
  let dir: string;
  let path: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubenest-kubeconfig-'));
    path = join(dir, 'admin.kubeconfig');
    await writeKubeconfig(path, { server: 'https://127.0.0.1:6443', caPem: CA_PEM, token: 'secret-token' });
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('writes a kubeconfig with the CA as base64 data, mode 0600', async () => {
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    const config = parse(await readFile(path, 'utf8'));
    assert.equal(config.kind, 'Config');
    assert.equal(config['current-context'], 'kubenest');
    assert.deepEqual(config.contexts, [
      { name: 'kubenest', context: { cluster: 'kubenest', user: 'kubernetes-admin' } },
    ]);
    assert.equal(Buffer.from(config.clusters[0].cluster['certificate-authority-data'], 'base64').toString(), CA_PEM);
    assert.deepEqual(config.users, [{ name: 'kubernetes-admin', user: { token: 'secret-token' } }]);
  });

  it('loads in @kubernetes/client-node', async () => {
    const { KubeConfig } = await import('@kubernetes/client-node');
    const kc = new KubeConfig();
    kc.loadFromFile(path);
    assert.equal(kc.getCurrentContext(), 'kubenest');
    assert.equal(kc.getCurrentCluster()?.server, 'https://127.0.0.1:6443');
    assert.equal(Buffer.from(kc.getCurrentCluster()?.caData ?? '', 'base64').toString(), CA_PEM);
    assert.equal(kc.getCurrentUser()?.token, 'secret-token');
  });

  it('honours custom cluster, user and context names', async () => {
    const custom = join(dir, 'custom.kubeconfig');
    await writeKubeconfig(custom, {
      server: 'https://[::1]:7443',
      caPem: CA_PEM,
      token: 't',
      clusterName: 'c',
      user: 'u',
      context: 'x',
    });
    const config = parse(await readFile(custom, 'utf8'));
    assert.deepEqual(config.contexts, [{ name: 'x', context: { cluster: 'c', user: 'u' } }]);
    assert.equal(config.clusters[0].name, 'c');
  });
});
