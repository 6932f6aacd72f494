import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { issueCertificate, type CertificateAndKey } from './issue-certificate.js';
import { parseSubjectAltName, type SubjectAltName } from './subject-alt-name.js';
import { writeFileAtomic } from './write-private-file.js';

export interface PkiOptions {
  /** Names or IPs clients use beyond the defaults (a load balancer, the machine's LAN IP). */
  extraSans?: string[];
  now?: Date;
}

export interface PkiMaterial {
  caCertPem: string;
  certPem: string;
  keyPem: string;
  caPath: string;
  certPath: string;
  keyPath: string;
}

const CA_VALID_DAYS = 3650;
const SERVING_VALID_DAYS = 365;
const RENEW_BEFORE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

// What kube-apiserver's serving certificate carries, so in-cluster clients that address
// "kubernetes.default.svc" verify it just like on Kubernetes.
const DEFAULT_DNS_NAMES = [
  'localhost',
  'kubernetes',
  'kubernetes.default',
  'kubernetes.default.svc',
  'kubernetes.default.svc.cluster.local',
];
const DEFAULT_IPS = ['127.0.0.1', '::1'];

/**
 * Creates the cluster CA and the apiserver serving certificate under <dataDir>/pki on first
 * start and reuses them afterwards, both with ECDSA P-256 keys. The serving certificate is
 * reissued (by the same CA, so kubeconfigs stay valid) when it expires within 30 days, lacks a
 * wanted SAN, no longer matches its key or CA, or has an RSA key; the CA itself is recreated
 * only when missing or expired.
 *
 * Data dirs from before ECDSA: their RSA-2048 CA stays (every kubeconfig trusts it) and signs
 * a new P-256 serving certificate on the next start, because the serving key is the one that
 * signs every TLS handshake; clients verify the chain with the CA as before.
 */
export async function ensurePki(dataDir: string, options: PkiOptions = {}): Promise<PkiMaterial> {
  const dir = join(dataDir, 'pki');
  const paths = {
    caPath: join(dir, 'ca.crt'),
    caKeyPath: join(dir, 'ca.key'),
    certPath: join(dir, 'apiserver.crt'),
    keyPath: join(dir, 'apiserver.key'),
  };
  const now = options.now ?? new Date();
  const wantedSans = servingSubjectAltNames(options.extraSans ?? []);

  let ca = await readPair(paths.caPath, paths.caKeyPath);
  if (!ca || !isUsableCa(ca, now)) {
    ca = await issueCertificate({ commonName: 'kubenest-ca', isCa: true, validDays: CA_VALID_DAYS, now });
    await writePair(ca, paths.caPath, paths.caKeyPath);
  }

  const serving = await ensureServingCertificate(ca, {
    commonName: 'kube-apiserver',
    subjectAltNames: wantedSans,
    certPath: paths.certPath,
    keyPath: paths.keyPath,
    now,
  });

  return {
    caCertPem: ca.certPem,
    certPem: serving.certPem,
    keyPem: serving.keyPem,
    caPath: paths.caPath,
    certPath: paths.certPath,
    keyPath: paths.keyPath,
  };
}

export interface ServingCertificateRequest {
  commonName: string;
  subjectAltNames: SubjectAltName[];
  certPath: string;
  keyPath: string;
  now?: Date;
}

/**
 * A serving certificate signed by `ca`, reused from certPath/keyPath while it stays usable
 * (same CA, matching key, ECDSA, the wanted SANs, more than 30 days left), else reissued.
 * The apiserver's own, and each node agent's, which the apiserver verifies with the CA.
 */
export async function ensureServingCertificate(
  ca: CertificateAndKey,
  request: ServingCertificateRequest,
): Promise<CertificateAndKey> {
  const now = request.now ?? new Date();
  const existing = await readPair(request.certPath, request.keyPath);
  if (existing && isUsableServingCert(existing, ca, request.subjectAltNames, now)) return existing;
  const issued = await issueCertificate({
    commonName: request.commonName,
    validDays: SERVING_VALID_DAYS,
    subjectAltNames: request.subjectAltNames,
    issuer: ca,
    now,
  });
  await writePair(issued, request.certPath, request.keyPath);
  return issued;
}

/** The cluster CA as ensurePki keeps it, for issuing further certificates. */
export async function readClusterCa(dataDir: string): Promise<CertificateAndKey> {
  const pair = await readPair(join(dataDir, 'pki', 'ca.crt'), join(dataDir, 'pki', 'ca.key'));
  if (!pair) throw new Error(`no cluster CA in ${join(dataDir, 'pki')}: start the apiserver (or kubenest up) first`);
  return pair;
}

/** The defaults, the host's name (when it is a valid DNS name) and the extras, without duplicates. */
export function servingSubjectAltNames(extraSans: string[]): SubjectAltName[] {
  const host = tryParseSan(hostname());
  const all = [
    ...DEFAULT_DNS_NAMES.map((value) => ({ type: 'dns' as const, value })),
    ...(host ? [host] : []),
    ...DEFAULT_IPS.map((value) => ({ type: 'ip' as const, value })),
    ...extraSans.map(parseSubjectAltName),
  ];
  const seen = new Set<string>();
  return all.filter((san) => {
    const key = `${san.type}:${san.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function tryParseSan(text: string): SubjectAltName | undefined {
  try {
    return parseSubjectAltName(text);
  } catch {
    return undefined;
  }
}

async function readPair(certPath: string, keyPath: string): Promise<CertificateAndKey | undefined> {
  try {
    return { certPem: await readFile(certPath, 'utf8'), keyPem: await readFile(keyPath, 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writePair(pair: CertificateAndKey, certPath: string, keyPath: string): Promise<void> {
  // Key first: a reader between the two renames sees a new key with the old certificate,
  // which fails its key check and is reissued, never a certificate without its key.
  await writeFileAtomic(keyPath, pair.keyPem, 0o600);
  await writeFileAtomic(certPath, pair.certPem, 0o644);
}

function isUsableCa(ca: CertificateAndKey, now: Date): boolean {
  const cert = tryParseCertificate(ca.certPem);
  return cert !== undefined && cert.ca && matchesKey(cert, ca.keyPem) && expiresAt(cert) > now.getTime();
}

function isUsableServingCert(
  serving: CertificateAndKey,
  ca: CertificateAndKey,
  wanted: SubjectAltName[],
  now: Date,
): boolean {
  const cert = tryParseCertificate(serving.certPem);
  const caCert = tryParseCertificate(ca.certPem);
  if (!cert || !caCert) return false;
  if (!cert.checkIssued(caCert) || !cert.verify(caCert.publicKey)) return false;
  if (!matchesKey(cert, serving.keyPem)) return false;
  if (cert.publicKey.asymmetricKeyType !== 'ec') return false;
  if (expiresAt(cert) - now.getTime() < RENEW_BEFORE_DAYS * DAY_MS) return false;
  // DNS names compared literally (checkHost would treat a wanted "*.x" SAN as a host name);
  // IPs through checkIP, which normalises "::1" against "0:0:0:0:0:0:0:1".
  const dnsNames = new Set(
    (cert.subjectAltName ?? '')
      .split(', ')
      .filter((entry) => entry.startsWith('DNS:'))
      .map((entry) => entry.slice('DNS:'.length)),
  );
  return wanted.every((san) => (san.type === 'ip' ? cert.checkIP(san.value) !== undefined : dnsNames.has(san.value)));
}

function tryParseCertificate(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

function matchesKey(cert: X509Certificate, keyPem: string): boolean {
  try {
    return cert.checkPrivateKey(createPrivateKey(keyPem));
  } catch {
    return false;
  }
}

function expiresAt(cert: X509Certificate): number {
  return new Date(cert.validTo).getTime();
}
