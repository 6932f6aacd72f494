import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../../apiserver/src/config/index.js';
import { loadCliConfig } from './cli-config.js';

describe('loadCliConfig', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubenest-cli-config-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('defaults to ./.kubenest, 127.0.0.1:6443 and a Redis of its own', () => {
    assert.deepEqual(loadCliConfig({}, {}, '/home/op'), {
      dataDir: '/home/op/.kubenest',
      securePort: 6443,
      bindAddress: '127.0.0.1',
      redisUrl: undefined,
      extraSans: [],
      readyTimeoutSeconds: 120,
      runtime: 'auto',
      components: 'all',
      ports: { kubelet: 10250, nodeAgentHealth: 10248, controllerManager: 10257, scheduler: 10259, gateway: 8080 },
      gatewayTls: false,
    });
  });

  it('moves the component ports by env var, for clusters side by side', () => {
    const config = loadCliConfig({}, { KUBENEST_KUBELET_PORT: '20250', KUBENEST_SCHEDULER_PORT: '20259' }, '/home/op');
    assert.deepEqual(config.ports, {
      kubelet: 20250,
      nodeAgentHealth: 10248,
      controllerManager: 10257,
      scheduler: 20259,
      gateway: 8080,
    });
    assert.throws(() => loadCliConfig({}, { KUBENEST_KUBELET_PORT: '70000' }, '/home/op'), /KUBENEST_KUBELET_PORT/);
  });

  it('moves the gateway to 8443 with KUBENEST_GATEWAY_TLS=true, and refuses other values', () => {
    const tls = loadCliConfig({}, { KUBENEST_GATEWAY_TLS: 'true' }, '/home/op');
    assert.deepEqual([tls.gatewayTls, tls.ports.gateway], [true, 8443]);
    const moved = loadCliConfig({}, { KUBENEST_GATEWAY_TLS: 'true', KUBENEST_GATEWAY_PORT: '9443' }, '/home/op');
    assert.equal(moved.ports.gateway, 9443);
    assert.throws(() => loadCliConfig({}, { KUBENEST_GATEWAY_TLS: 'yes' }, '/home/op'), /KUBENEST_GATEWAY_TLS/);
  });

  it('takes flags over env vars over the KUBENEST_CONFIG file', async () => {
    const file = join(dir, 'shared.yaml');
    // watchHistory is the apiserver's: allowed in a shared file, ignored here.
    await writeFile(file, 'securePort: 7443\nbindAddress: 0.0.0.0\ndataDir: state\nwatchHistory: 5\n');
    const config = loadCliConfig(
      { port: '9443', tlsSan: ['a.example.test', '10.0.0.9'] },
      {
        KUBENEST_CONFIG: file,
        KUBENEST_SECURE_PORT: '8443',
        KUBENEST_BIND_ADDRESS: '::',
        REDIS_URL: 'redis://127.0.0.1:6390',
      },
      '/home/op',
    );
    assert.equal(config.securePort, 9443);
    assert.equal(config.bindAddress, '::');
    assert.equal(config.dataDir, join(dir, 'state'));
    assert.equal(config.redisUrl, 'redis://127.0.0.1:6390');
    assert.deepEqual(config.extraSans, ['a.example.test', '10.0.0.9']);
  });

  it('does not read CLI-only settings from the shared file, which the apiserver would reject', async () => {
    const file = join(dir, 'cli-only.yaml');
    await writeFile(file, 'readyTimeoutSeconds: 5\n');
    assert.equal(loadCliConfig({}, { KUBENEST_CONFIG: file }).readyTimeoutSeconds, 120);
  });

  it('names flags and env vars in one error listing every problem', () => {
    assert.throws(
      () =>
        loadCliConfig(
          { port: '0', redisUrl: 'localhost:6379' },
          { KUBENEST_BIND_ADDRESS: 'example.test', KUBENEST_READY_TIMEOUT_SECONDS: 'soon' },
        ),
      (error) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.problems, [
          "--port must be a port number 1-65535, got '0'",
          "KUBENEST_BIND_ADDRESS must be an IP address such as 127.0.0.1, 0.0.0.0 or ::, got 'example.test'",
          "--redis-url must be a redis://host:port, rediss://host:port or unix:///path/to/redis.sock URL, got 'localhost:6379'",
          "KUBENEST_READY_TIMEOUT_SECONDS must be a positive integer, got 'soon'",
        ]);
        return true;
      },
    );
  });
});
