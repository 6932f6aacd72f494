import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadApiserverConfig } from './apiserver-config.js';
import { ConfigError } from './config-error.js';

describe('loadApiserverConfig', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubenest-config-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('defaults every field, with the data dir made absolute', () => {
    const { serviceClusterIPRange, serviceNodePortRange, ...rest } = loadApiserverConfig({}, '/srv/cluster');
    assert.equal(serviceClusterIPRange.text, '10.96.0.0/12');
    assert.equal(serviceNodePortRange.text, '30000-32767');
    assert.deepEqual(rest, {
      dataDir: '/srv/cluster/.kubenest',
      redisUrl: 'redis://127.0.0.1:6379',
      bindAddress: '127.0.0.1',
      securePort: 6443,
      extraSans: [],
      maxRequestBodyBytes: 3 * 1024 * 1024,
      watchHistory: 10000,
      minRequestTimeoutSeconds: 1800,
      eventTtlSeconds: 3600,
      advertiseAddress: '127.0.0.1',
      logLevel: 'info',
    });
  });

  it('reads env vars, treating empty ones as unset', () => {
    const config = loadApiserverConfig(
      {
        KUBENEST_DATA_DIR: 'data',
        REDIS_URL: 'unix:///run/kubenest/redis.sock',
        KUBENEST_BIND_ADDRESS: '::',
        KUBENEST_SECURE_PORT: '7443',
        KUBENEST_EXTRA_SANS: 'api.example.test, 10.0.0.5',
        KUBENEST_MAX_REQUEST_BODY_BYTES: '1Mi',
        KUBENEST_WATCH_HISTORY: '',
        KUBENEST_LOG_LEVEL: 'debug',
        KUBENEST_SERVICE_CLUSTER_IP_RANGE: '10.0.7.9/24',
        KUBENEST_SERVICE_NODE_PORT_RANGE: '20000-20100',
      },
      '/srv',
    );
    assert.equal(config.serviceClusterIPRange.text, '10.0.7.0/24', 'the host part is masked off');
    assert.equal(config.serviceNodePortRange.text, '20000-20100');
    assert.equal(config.advertiseAddress, '127.0.0.1', 'a wildcard bind address is not advertised');
    assert.equal(config.dataDir, '/srv/data');
    assert.equal(config.redisUrl, 'unix:///run/kubenest/redis.sock');
    assert.equal(config.bindAddress, '::');
    assert.equal(config.securePort, 7443);
    assert.deepEqual(config.extraSans, ['api.example.test', '10.0.0.5']);
    assert.equal(config.maxRequestBodyBytes, 1024 * 1024);
    assert.equal(config.watchHistory, 10000);
    assert.equal(config.logLevel, 'debug');
  });

  it('lists every bad field in one readable error', () => {
    const error = captureConfigError(() =>
      loadApiserverConfig({
        KUBENEST_SECURE_PORT: 'x',
        KUBENEST_BIND_ADDRESS: 'localhost',
        REDIS_URL: 'http://example.test',
        KUBENEST_EXTRA_SANS: 'ok.example.test,bad name',
        KUBENEST_WATCH_HISTORY: '0',
        KUBENEST_LOG_LEVEL: 'loud',
        KUBENEST_SERVICE_CLUSTER_IP_RANGE: '10.0.0.0/8',
        KUBENEST_SERVICE_NODE_PORT_RANGE: '32767-30000',
      }),
    );
    assert.deepEqual(error.problems, [
      "REDIS_URL must be a redis://host:port, rediss://host:port or unix:///path/to/redis.sock URL, got 'http://example.test'",
      "KUBENEST_BIND_ADDRESS must be an IP address such as 127.0.0.1, 0.0.0.0 or ::, got 'localhost'",
      "KUBENEST_SECURE_PORT must be a port number 1-65535, got 'x'",
      "KUBENEST_EXTRA_SANS must be a list of DNS names and IP addresses ('bad name' is neither), got 'ok.example.test,bad name'",
      "KUBENEST_WATCH_HISTORY must be a positive integer, got '0'",
      "KUBENEST_SERVICE_CLUSTER_IP_RANGE must be an IPv4 CIDR such as 10.96.0.0/12 with a prefix length 12-30, got '10.0.0.0/8'",
      "KUBENEST_SERVICE_NODE_PORT_RANGE must be a port range such as 30000-32767 within 1-65535, got '32767-30000'",
      "KUBENEST_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, got 'loud'",
    ]);
    assert.match(error.message, /^invalid apiserver configuration:\n {2}- REDIS_URL/);
  });

  it('reads a YAML file named by KUBENEST_CONFIG, below env vars, paths relative to the file', async () => {
    const file = join(dir, 'apiserver.yaml');
    await writeFile(
      file,
      'dataDir: state\nsecurePort: 8443\nextraSans: [a.example.test, 192.168.1.10]\nmaxRequestBodyBytes: 4096\n',
    );
    const config = loadApiserverConfig({ KUBENEST_CONFIG: file, KUBENEST_SECURE_PORT: '9443' });
    assert.equal(config.dataDir, join(dir, 'state'));
    assert.equal(config.securePort, 9443);
    assert.deepEqual(config.extraSans, ['a.example.test', '192.168.1.10']);
    assert.equal(config.maxRequestBodyBytes, 4096);
  });

  it('names the file for bad values and unknown keys in it', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(file, 'securePort: 70000\nsecurPort: 1\n');
    const error = captureConfigError(() => loadApiserverConfig({ KUBENEST_CONFIG: file }));
    assert.equal(error.problems[0], `securePort in ${file} must be a port number 1-65535, got 70000`);
    assert.match(error.problems[1], new RegExp(`^securPort in ${file} is not a known setting`));
  });

  it('reports a missing or non-mapping file', async () => {
    assert.match(
      captureConfigError(() => loadApiserverConfig({ KUBENEST_CONFIG: join(dir, 'absent.yaml') })).problems[0],
      /cannot read the YAML file: ENOENT/,
    );
    const list = join(dir, 'list.yaml');
    await writeFile(list, '- a\n- b\n');
    assert.match(
      captureConfigError(() => loadApiserverConfig({ KUBENEST_CONFIG: list })).problems[0],
      /must hold a YAML mapping/,
    );
  });
});

function captureConfigError(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error;
  }
  assert.fail('expected a ConfigError');
}
