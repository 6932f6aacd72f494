import {
  issueCertificate,
  servingSubjectAltNames,
  type KeyAlgorithm,
} from '../../apps/apiserver/src/security/index.js';

/** A CA and a serving certificate as ensurePki would make them, with the chosen key types. */
export interface Chain {
  name: string;
  caPem: string;
  certPem: string;
  keyPem: string;
}

export const CHAINS: ReadonlyArray<{ name: string; ca: KeyAlgorithm; serving: KeyAlgorithm }> = [
  { name: 'RSA-2048 (before)', ca: 'rsa-2048', serving: 'rsa-2048' },
  { name: 'ECDSA P-256 (new PKI)', ca: 'ecdsa-p256', serving: 'ecdsa-p256' },
  { name: 'P-256 under RSA CA (upgraded data dir)', ca: 'rsa-2048', serving: 'ecdsa-p256' },
];

/** Made by the apiserver's own issueCertificate, with the apiserver's default SANs. */
export async function makeChains(): Promise<Chain[]> {
  return Promise.all(
    CHAINS.map(async ({ name, ca, serving }) => {
      const caPair = await issueCertificate({
        commonName: 'kubenest-ca',
        isCa: true,
        validDays: 3650,
        keyAlgorithm: ca,
      });
      const leaf = await issueCertificate({
        commonName: 'kube-apiserver',
        validDays: 365,
        subjectAltNames: servingSubjectAltNames([]),
        issuer: caPair,
        keyAlgorithm: serving,
      });
      return { name, caPem: caPair.certPem, ...leaf };
    }),
  );
}
