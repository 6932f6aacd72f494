import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { connectionFromKubeconfig } from './connection-from-kubeconfig.js';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('connectionFromKubeconfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubenest-kubeconfig-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  function write(name: string, cluster: object, user: object, extra: object = {}): string {
    const path = join(dir, name);
    writeFileSync(
      path,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          { name: 'other', cluster: { server: 'https://wrong:1' } },
          { name: 'c', cluster },
        ],
        users: [{ name: 'u', user }],
        contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
        'current-context': 'ctx',
        ...extra,
      }),
    );
    return path;
  }

  it('reads inline certificate-authority-data and token of the current context', () => {
    const path = write(
      'inline.yaml',
      { server: 'https://127.0.0.1:6443', 'certificate-authority-data': Buffer.from(CA).toString('base64') },
      { token: 'abc.def' },
    );
    assert.deepEqual(connectionFromKubeconfig(path), { server: 'https://127.0.0.1:6443', caPem: CA, token: 'abc.def' });
  });

  it('reads certificate-authority and tokenFile relative to the kubeconfig', () => {
    writeFileSync(join(dir, 'ca.crt'), CA);
    writeFileSync(join(dir, 'token'), 'from-file\n');
    const path = write(
      'files.yaml',
      { server: 'https://10.0.0.1:6443', 'certificate-authority': 'ca.crt' },
      { tokenFile: 'token' },
    );
    assert.deepEqual(connectionFromKubeconfig(path), {
      server: 'https://10.0.0.1:6443',
      caPem: CA,
      token: 'from-file',
    });
  });

  it('explains what is missing', () => {
    const noToken = write('no-token.yaml', { server: 'https://h:1', 'certificate-authority': 'ca.crt' }, {});
    assert.throws(() => connectionFromKubeconfig(noToken), /user "u" has no token or tokenFile/);
    const noContext = write(
      'no-context.yaml',
      { server: 'https://h:1' },
      { token: 't' },
      { 'current-context': 'gone' },
    );
    assert.throws(() => connectionFromKubeconfig(noContext), /no context named "gone"/);
  });
});
