import { generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';
import type { SubjectAltName } from './subject-alt-name.js';

const generateKeyPairAsync = promisify(generateKeyPair);

const DAY_MS = 24 * 60 * 60 * 1000;
// Backdated so that a peer whose clock runs a little behind ours accepts a fresh certificate.
const CLOCK_SKEW_MS = 60 * 60 * 1000;

export interface CertificateAndKey {
  certPem: string;
  keyPem: string;
}

export interface CertificateRequest {
  commonName: string;
  validDays: number;
  /** Present for a CA; absent for a leaf certificate. */
  isCa?: boolean;
  subjectAltNames?: SubjectAltName[];
  /** The CA that signs; without it the certificate is self-signed (the CA itself). */
  issuer?: CertificateAndKey;
  now?: Date;
}

/**
 * Issues an RSA-2048 / SHA-256 certificate. The key pair comes from Node's native crypto
 * (milliseconds) rather than node-forge's JavaScript RSA (seconds); forge only builds and
 * signs the X.509 structure, which Node has no API for. RSA rather than EC P-256 because
 * forge signs X.509 with RSA keys only.
 */
export async function issueCertificate(request: CertificateRequest): Promise<CertificateAndKey> {
  const { privateKey: keyPem } = await generateKeyPairAsync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const now = request.now ?? new Date();

  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = randomSerialNumber();
  cert.validity.notBefore = new Date(now.getTime() - CLOCK_SKEW_MS);
  cert.validity.notAfter = new Date(now.getTime() + request.validDays * DAY_MS);
  cert.setSubject([{ name: 'commonName', value: request.commonName }]);

  const issuerCert = request.issuer ? forge.pki.certificateFromPem(request.issuer.certPem) : cert;
  const issuerKey = request.issuer ? forge.pki.privateKeyFromPem(request.issuer.keyPem) : key;
  cert.setIssuer(issuerCert.subject.attributes);

  const extensions: object[] = [
    { name: 'basicConstraints', cA: request.isCa === true, critical: true },
    request.isCa
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ];
  if (!request.isCa) {
    extensions.push({ name: 'extKeyUsage', serverAuth: true });
    extensions.push({
      name: 'authorityKeyIdentifier',
      keyIdentifier: issuerCert.generateSubjectKeyIdentifier().getBytes(),
    });
  }
  if (request.subjectAltNames?.length) {
    extensions.push({
      name: 'subjectAltName',
      // GeneralName tags: 2 = dNSName, 7 = iPAddress.
      altNames: request.subjectAltNames.map((san) =>
        san.type === 'ip' ? { type: 7, ip: san.value } : { type: 2, value: san.value },
      ),
    });
  }
  cert.setExtensions(extensions);
  cert.sign(issuerKey as forge.pki.rsa.PrivateKey, forge.md.sha256.create());

  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}

/**
 * 128 random bits as a positive DER INTEGER: the first byte must be 0x01..0x7f, because a
 * set high bit makes the serial negative and a leading zero byte is a non-minimal encoding;
 * Go's crypto/x509 (kubectl) rejects both.
 */
function randomSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0] & 0x7f || 0x01;
  return bytes.toString('hex');
}
