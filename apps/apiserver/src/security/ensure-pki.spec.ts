import { X509Certificate } from 'node:crypto';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, get } from 'node:https';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ensurePki, type PkiMaterial } from './ensure-pki.js';
import { issueCertificate } from './issue-certificate.js';
import { renderKubeconfig } from './kubeconfig.js';
import { writeFileAtomic } from './write-private-file.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('ensurePki', () => {
  let dataDir: string;
  let pki: PkiMaterial;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kubenest-pki-'));
    pki = await ensurePki(dataDir, { extraSans: ['api.example.test', '10.1.2.3'] });
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('issues a serving certificate signed by the CA with every wanted SAN', () => {
    const ca = new X509Certificate(pki.caCertPem);
    const cert = new X509Certificate(pki.certPem);
    assert.equal(ca.ca, true);
    assert.equal(cert.ca, false);
    assert.ok(cert.checkIssued(ca));
    assert.ok(cert.verify(ca.publicKey));
    for (const name of ['localhost', 'kubernetes', 'kubernetes.default.svc.cluster.local', 'api.example.test']) {
      assert.ok(cert.subjectAltName?.split(', ').includes(`DNS:${name}`), `SAN ${name} in ${cert.subjectAltName}`);
    }
    for (const ip of ['127.0.0.1', '::1', '10.1.2.3']) assert.equal(cert.checkIP(ip), ip);
  });

  it('gives the CA and the serving certificate ECDSA P-256 keys', () => {
    for (const pem of [pki.caCertPem, pki.certPem]) {
      const key = new X509Certificate(pem).publicKey;
      assert.equal(key.asymmetricKeyType, 'ec');
      assert.equal(key.asymmetricKeyDetails?.namedCurve, 'prime256v1');
    }
    // Node's keyUsage lists the extended key usages: serverAuth only.
    assert.deepEqual(new X509Certificate(pki.certPem).keyUsage, ['1.3.6.1.5.5.7.3.1']);
  });

  it('gives the CA 10 years and the serving certificate 1 year', () => {
    const years = (pem: string) => (new Date(new X509Certificate(pem).validTo).getTime() - Date.now()) / (365 * DAY_MS);
    assert.ok(Math.abs(years(pki.caCertPem) - 10) < 0.02);
    assert.ok(Math.abs(years(pki.certPem) - 1) < 0.01);
  });

  it('writes private keys with mode 0600', async () => {
    for (const file of ['ca.key', 'apiserver.key']) {
      assert.equal((await stat(join(dataDir, 'pki', file))).mode & 0o777, 0o600, file);
    }
    assert.equal((await stat(pki.certPath)).mode & 0o777, 0o644);
  });

  it('serves TLS that Node verifies with the CA, by name and by IP', async () => {
    await withHttpsServer(pki, async (port) => {
      for (const host of ['localhost', '127.0.0.1', '::1']) {
        const body = await new Promise<string>((resolve, reject) => {
          get(
            { host, port, path: '/readyz', ca: pki.caCertPem, family: host === 'localhost' ? 4 : undefined },
            (res) => {
              res.setEncoding('utf8');
              let data = '';
              res.on('data', (chunk) => (data += chunk));
              res.on('end', () => resolve(data));
            },
          ).on('error', reject);
        });
        assert.equal(body, 'ok', host);
      }
    });
  });

  it('serves TLS that kubectl (Go crypto/x509) accepts', async (t) => {
    if (!hasKubectl()) return t.skip('kubectl is not installed');
    assert.equal(await kubectlReadyz(pki), 'ok');
  });

  it('serves TLS that @kubernetes/client-node accepts with a kubeconfig holding the CA', async () => {
    const { KubeConfig, VersionApi } = await import('@kubernetes/client-node');
    await withHttpsServer(pki, async (port) => {
      const kc = new KubeConfig();
      kc.loadFromString(
        renderKubeconfig({ server: `https://127.0.0.1:${port}`, caPem: pki.caCertPem, token: 'unused' }),
      );
      assert.equal((await kc.makeApiClient(VersionApi).getCode()).gitVersion, 'v1.32.0-test');
    });
  });

  it('reuses the material on a second call', async () => {
    const again = await ensurePki(dataDir, { extraSans: ['api.example.test', '10.1.2.3'] });
    assert.deepEqual(again, pki);
  });

  it('reissues the serving certificate, not the CA, when a SAN is missing', async () => {
    const widened = await ensurePki(dataDir, { extraSans: ['api.example.test', '10.1.2.3', 'other.example.test'] });
    assert.equal(widened.caCertPem, pki.caCertPem);
    assert.notEqual(widened.certPem, pki.certPem);
    assert.ok(new X509Certificate(widened.certPem).subjectAltName?.includes('DNS:other.example.test'));
    pki = widened;
  });

  it('reissues the serving certificate when it expires within 30 days', async () => {
    const extraSans = ['api.example.test', '10.1.2.3', 'other.example.test'];
    const in330Days = await ensurePki(dataDir, { extraSans, now: new Date(Date.now() + 330 * DAY_MS) });
    assert.equal(in330Days.certPem, pki.certPem, '35 days left: still reused');
    const in340Days = await ensurePki(dataDir, { extraSans, now: new Date(Date.now() + 340 * DAY_MS) });
    assert.notEqual(in340Days.certPem, pki.certPem, '25 days left: reissued');
    assert.equal(in340Days.caCertPem, pki.caCertPem);
  });

  it('rejects an extra SAN that is neither a DNS name nor an IP', async () => {
    await assert.rejects(ensurePki(dataDir, { extraSans: ['not a name'] }), /must be an IP address or a DNS name/);
  });
});

describe('ensurePki on a data dir whose PKI predates ECDSA (RSA-2048)', () => {
  let dataDir: string;
  let rsaCa: { certPem: string; keyPem: string };

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kubenest-pki-rsa-'));
    rsaCa = await issueCertificate({
      commonName: 'kubenest-ca',
      isCa: true,
      validDays: 3650,
      keyAlgorithm: 'rsa-2048',
    });
    const rsaServing = await issueCertificate({
      commonName: 'kube-apiserver',
      validDays: 365,
      subjectAltNames: [{ type: 'ip', value: '127.0.0.1' }],
      issuer: rsaCa,
      keyAlgorithm: 'rsa-2048',
    });
    await writeFileAtomic(join(dataDir, 'pki', 'ca.key'), rsaCa.keyPem, 0o600);
    await writeFileAtomic(join(dataDir, 'pki', 'ca.crt'), rsaCa.certPem, 0o644);
    await writeFileAtomic(join(dataDir, 'pki', 'apiserver.key'), rsaServing.keyPem, 0o600);
    await writeFileAtomic(join(dataDir, 'pki', 'apiserver.crt'), rsaServing.certPem, 0o644);
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps the RSA CA and reissues the serving certificate with a P-256 key under it', async (t) => {
    const pki = await ensurePki(dataDir);
    assert.equal(pki.caCertPem, rsaCa.certPem, 'kubeconfigs that trust the RSA CA stay valid');
    const cert = new X509Certificate(pki.certPem);
    assert.equal(cert.publicKey.asymmetricKeyType, 'ec');
    assert.ok(cert.checkIssued(new X509Certificate(rsaCa.certPem)));
    assert.ok(cert.verify(new X509Certificate(rsaCa.certPem).publicKey));
    assert.deepEqual(await ensurePki(dataDir), pki, 'reused from then on');
    if (!hasKubectl()) return t.skip('kubectl is not installed');
    assert.equal(await kubectlReadyz(pki), 'ok');
  });
});

function hasKubectl(): boolean {
  return spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
}

/** GET /readyz through kubectl, trusting only the CA file: Go's crypto/tls and crypto/x509. */
async function kubectlReadyz(pki: PkiMaterial): Promise<string> {
  let output = '';
  await withHttpsServer(pki, async (port) => {
    const { stdout } = await promisify(execFile)(
      'kubectl',
      [
        `--server=https://127.0.0.1:${port}`,
        `--certificate-authority=${pki.caPath}`,
        '--token=unused',
        'get',
        '--raw=/readyz',
      ],
      { env: { ...process.env, KUBECONFIG: '/dev/null' } },
    );
    output = stdout.trim();
  });
  return output;
}

async function withHttpsServer(pki: PkiMaterial, use: (port: number) => Promise<void>): Promise<void> {
  const server = createServer({ cert: pki.certPem, key: pki.keyPem }, (req, res) => {
    if (req.url !== '/version') return res.end('ok');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ major: '1', minor: '32', gitVersion: 'v1.32.0-test', platform: 'linux/amd64' }));
  });
  server.listen(0, '::');
  await once(server, 'listening');
  try {
    await use((server.address() as AddressInfo).port);
  } finally {
    server.close();
    await once(server, 'close');
  }
}
