/**
 * Syntax checks worded as k8s.io/apimachinery/pkg/util/validation words them. Each returns
 * the list of problems (empty when valid), as Kubernetes' Is* functions do.
 */
export { labelKeyErrors as qualifiedNameErrors, labelValueErrors } from '../selectors/label-syntax.js';

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const CONFIG_KEY_FMT = '[-._a-zA-Z0-9]+';
const ENV_VAR_NAME_FMT = '[-._a-zA-Z][-._a-zA-Z0-9]*';
const PERCENT_FMT = '[0-9]+%';

const anchored = (fmt: string) => new RegExp(`^${fmt}$`);
const DNS1123_LABEL_RE = anchored(DNS1123_LABEL_FMT);
const DNS1123_SUBDOMAIN_RE = anchored(DNS1123_SUBDOMAIN_FMT);
const DNS1035_LABEL_RE = anchored(DNS1035_LABEL_FMT);
const CONFIG_KEY_RE = anchored(CONFIG_KEY_FMT);
const ENV_VAR_NAME_RE = anchored(ENV_VAR_NAME_FMT);
const PERCENT_RE = anchored(PERCENT_FMT);

/** Kubernetes' RegexError, with its "'x',  or 'y'" spacing. */
function regexError(message: string, fmt: string, ...examples: string[]): string {
  const shown = examples.map((e, i) => `${i > 0 ? ' or ' : ''}'${e}', `).join('');
  return `${message} (e.g. ${shown}regex used for validation is '${fmt}')`;
}

const maxLenError = (n: number) => `must be no more than ${n} characters`;

function check(value: string, max: number, re: RegExp, message: string): string[] {
  const errors: string[] = [];
  if (value.length > max) errors.push(maxLenError(max));
  if (!re.test(value)) errors.push(message);
  return errors;
}

export const dns1123LabelErrors = (v: string) =>
  check(
    v,
    63,
    DNS1123_LABEL_RE,
    regexError(
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
      DNS1123_LABEL_FMT,
      'my-name',
      '123-abc',
    ),
  );

export const dns1123SubdomainErrors = (v: string) =>
  check(
    v,
    253,
    DNS1123_SUBDOMAIN_RE,
    regexError(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
      DNS1123_SUBDOMAIN_FMT,
      'example.com',
    ),
  );

export const dns1035LabelErrors = (v: string) =>
  check(
    v,
    63,
    DNS1035_LABEL_RE,
    regexError(
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
      DNS1035_LABEL_FMT,
      'my-name',
      'abc-123',
    ),
  );

export function configKeyErrors(v: string): string[] {
  const errors = check(
    v,
    253,
    CONFIG_KEY_RE,
    regexError(
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
      CONFIG_KEY_FMT,
      'key.name',
      'KEY_NAME',
      'key-name',
    ),
  );
  if (v === '.') errors.push("must not be '.'");
  else if (v === '..') errors.push("must not be '..'");
  else if (v.startsWith('..')) errors.push("must not start with '..'");
  return errors;
}

export const envVarNameErrors = (v: string) =>
  ENV_VAR_NAME_RE.test(v)
    ? []
    : [
        regexError(
          "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
          ENV_VAR_NAME_FMT,
          'my.env-name',
          'MY_ENV.NAME',
          'MyEnvName1',
        ),
      ];

/** IANA_SVC_NAME, as container and service port names must be. */
export function portNameErrors(v: string): string[] {
  const errors: string[] = [];
  if (v.length > 15) errors.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(v)) errors.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(v)) errors.push('must contain at least one letter (a-z)');
  if (v.includes('--')) errors.push('must not contain consecutive hyphens (-)');
  if (v.startsWith('-') || v.endsWith('-')) errors.push('must not begin or end with a hyphen (-)');
  return errors;
}

export const PORT_RANGE_MESSAGE = 'must be between 1 and 65535, inclusive';
export const isValidPortNumber = (n: number) => Number.isInteger(n) && n >= 1 && n <= 65535;

export const percentErrors = (v: string) =>
  PERCENT_RE.test(v)
    ? []
    : [
        regexError(
          "a valid percent string must be a numeric string followed by an ending '%'",
          PERCENT_FMT,
          '1%',
          '93%',
        ),
      ];

const IPV4_RE = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isValidIP(v: string): boolean {
  if (IPV4_RE.test(v)) return true;
  // URL parsing accepts exactly the IPv6 literals; bracket it so it is read as a host.
  if (!v.includes(':') || v.includes('[') || v.includes('%')) return false;
  try {
    return new URL(`http://[${v}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

export const IP_MESSAGE = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
export const CIDR_MESSAGE = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

export function isValidCIDR(v: string): boolean {
  const [ip, bits, extra] = v.split('/');
  if (extra !== undefined || bits === undefined || !/^\d{1,3}$/.test(bits) || !isValidIP(ip)) return false;
  return Number(bits) <= (ip.includes(':') ? 128 : 32);
}

/** Kubernetes name checks work on a generateName prefix with a trailing '-' masked. */
export function maskTrailingDash(prefix: string): string {
  return prefix.length > 1 && prefix.endsWith('-') ? `${prefix.slice(0, -2)}a` : prefix;
}

export type NameRule = (name: string) => string[];
