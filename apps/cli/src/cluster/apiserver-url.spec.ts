import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { apiserverUrl } from './apiserver-url.js';
import { wantedSans } from './admin-kubeconfig.js';
import { CLI_DEFAULTS } from '../config/cli-config.js';

describe('apiserverUrl and wantedSans', () => {
  it('dials loopback for wildcard binds and brackets IPv6', () => {
    assert.equal(apiserverUrl({ bindAddress: '127.0.0.1', securePort: 6443 }), 'https://127.0.0.1:6443');
    assert.equal(apiserverUrl({ bindAddress: '0.0.0.0', securePort: 6443 }), 'https://127.0.0.1:6443');
    assert.equal(apiserverUrl({ bindAddress: '::', securePort: 7443 }), 'https://[::1]:7443');
    assert.equal(apiserverUrl({ bindAddress: 'fd00::5', securePort: 7443 }), 'https://[fd00::5]:7443');
  });

  it('adds a specific bind address to the certificate SANs, not a wildcard', () => {
    const base = { ...CLI_DEFAULTS, dataDir: '/d', redisUrl: undefined, extraSans: ['x.example.test'] };
    assert.deepEqual(wantedSans({ ...base, bindAddress: '192.168.1.5' }), ['x.example.test', '192.168.1.5']);
    assert.deepEqual(wantedSans({ ...base, bindAddress: '0.0.0.0' }), ['x.example.test']);
  });
});
