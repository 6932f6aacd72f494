import { isIP } from 'node:net';

/** One subjectAltName entry of a serving certificate. */
export interface SubjectAltName {
  type: 'dns' | 'ip';
  value: string;
}

// RFC 1123 subdomain, as Kubernetes validates DNS names; a leading "*." is allowed
// because clients accept wildcard SANs.
const DNS_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS_NAME = new RegExp(`^(\\*\\.)?${DNS_LABEL}(\\.${DNS_LABEL})*$`);

/** Classifies "10.0.0.1" / "::1" as IP and anything else as a DNS name, or throws why it is neither. */
export function parseSubjectAltName(text: string): SubjectAltName {
  const value = text.trim();
  if (isIP(value) !== 0) return { type: 'ip', value };
  const name = value.toLowerCase();
  if (name.length === 0 || name.length > 253 || !DNS_NAME.test(name)) {
    throw new Error('must be an IP address or a DNS name (RFC 1123, e.g. api.example.com)');
  }
  return { type: 'dns', value: name };
}
