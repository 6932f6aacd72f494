// @peculiar/x509 resolves to its CommonJS build, whose tsyringe dependency throws unless the
// Reflect metadata polyfill is loaded first; ESM evaluates imports in order, so it goes first.
import 'reflect-metadata';
import { KeyObject, createPrivateKey, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { SubjectAltName } from './subject-alt-name.js';

const DAY_MS = 24 * 60 * 60 * 1000;
// Backdated so that a peer whose clock runs a little behind ours accepts a fresh certificate.
const CLOCK_SKEW_MS = 60 * 60 * 1000;

export interface CertificateAndKey {
  certPem: string;
  keyPem: string;
}

/**
 * The key of a new certificate. ECDSA P-256 is the default: the server signs every full TLS
 * handshake with its key, and a P-256 signature costs a fraction of an RSA-2048 one (see the
 * `## tls` section of docs/benchmarks.md). RSA-2048 remains for comparison and tests.
 */
export type KeyAlgorithm = 'ecdsa-p256' | 'rsa-2048';

export interface CertificateRequest {
  commonName: string;
  validDays: number;
  /** Present for a CA; absent for a leaf certificate. */
  isCa?: boolean;
  subjectAltNames?: SubjectAltName[];
  /** The CA that signs (its key may be RSA or EC); without it the certificate is self-signed (the CA itself). */
  issuer?: CertificateAndKey;
  keyAlgorithm?: KeyAlgorithm;
  now?: Date;
}

type SigningAlgorithm = webcrypto.RsaHashedImportParams | (webcrypto.EcKeyImportParams & webcrypto.EcdsaParams);

const ALGORITHMS: Record<
  KeyAlgorithm,
  SigningAlgorithm & (webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams)
> = {
  'ecdsa-p256': { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
  'rsa-2048': {
    name: 'RSASSA-PKCS1-v1_5',
    modulusLength: 2048,
    publicExponent: new Uint8Array([1, 0, 1]),
    hash: 'SHA-256',
  },
};

/**
 * Issues a certificate with a new key (SHA-256 signature). Keys come from Node's WebCrypto and
 * are stored as PKCS#8 PEM; @peculiar/x509 builds and signs the X.509 structure, which Node
 * has no API for.
 */
export async function issueCertificate(request: CertificateRequest): Promise<CertificateAndKey> {
  const algorithm = ALGORITHMS[request.keyAlgorithm ?? 'ecdsa-p256'];
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const now = request.now ?? new Date();

  const issuerCert = request.issuer && new x509.X509Certificate(request.issuer.certPem);
  const signing = request.issuer ? await importSigningKey(request.issuer.keyPem) : { key: keys.privateKey, algorithm };

  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(request.isCa === true, undefined, true),
    new x509.KeyUsagesExtension(
      request.isCa
        ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature
        : leafKeyUsage(algorithm),
      true,
    ),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  if (!request.isCa) extensions.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]));
  if (issuerCert) extensions.push(await authorityKeyIdentifier(issuerCert));
  if (request.subjectAltNames?.length) {
    extensions.push(
      new x509.SubjectAlternativeNameExtension(
        request.subjectAltNames.map((san) => ({ type: san.type, value: san.value })),
      ),
    );
  }

  const cert = await x509.X509CertificateGenerator.create({
    subject: new x509.Name([{ CN: [request.commonName] }]),
    // The issuer's subject exactly as encoded in its certificate: Go matches issuer to
    // subject byte for byte, and a CA made by another library may encode its name differently.
    issuer: issuerCert?.subjectName ?? new x509.Name([{ CN: [request.commonName] }]),
    publicKey: keys.publicKey,
    signingKey: signing.key,
    signingAlgorithm: signing.algorithm,
    notBefore: new Date(now.getTime() - CLOCK_SKEW_MS),
    notAfter: new Date(now.getTime() + request.validDays * DAY_MS),
    extensions,
  });
  // Serial number: left to the library, 128 random bits encoded as a positive, minimal DER
  // INTEGER, which Go's crypto/x509 (kubectl) requires.

  const keyPem = KeyObject.from(keys.privateKey).export({ type: 'pkcs8', format: 'pem' }) as string;
  return { certPem: cert.toString('pem'), keyPem };
}

/** RSA keys may also encipher (RSA key transport, pre-TLS 1.3); EC keys only sign. */
function leafKeyUsage(algorithm: SigningAlgorithm): x509.KeyUsageFlags {
  return algorithm.name === 'ECDSA'
    ? x509.KeyUsageFlags.digitalSignature
    : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment;
}

/**
 * The issuer's private key (any PEM form Node reads) as a WebCrypto signing key. Both RSA and
 * P-256 are accepted, so a data dir whose CA predates ECDSA keeps issuing with its RSA CA.
 */
async function importSigningKey(keyPem: string): Promise<{ key: webcrypto.CryptoKey; algorithm: SigningAlgorithm }> {
  const key = createPrivateKey(keyPem);
  const curve = key.asymmetricKeyDetails?.namedCurve;
  let algorithm: SigningAlgorithm;
  if (key.asymmetricKeyType === 'rsa') algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  else if (key.asymmetricKeyType === 'ec' && curve === 'prime256v1')
    algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  else throw new Error(`unsupported CA key: ${key.asymmetricKeyType} ${curve ?? ''}; expected RSA or EC P-256`);
  const der = key.export({ type: 'pkcs8', format: 'der' });
  return { key: await webcrypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']), algorithm };
}

/** Points at the CA's own subjectKeyIdentifier when it has one, so the two always match. */
async function authorityKeyIdentifier(issuer: x509.X509Certificate): Promise<x509.Extension> {
  const ski = issuer.getExtension(x509.SubjectKeyIdentifierExtension);
  return ski
    ? new x509.AuthorityKeyIdentifierExtension(ski.keyId)
    : x509.AuthorityKeyIdentifierExtension.create(issuer.publicKey);
}
