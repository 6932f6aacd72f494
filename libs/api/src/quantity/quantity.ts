/**
 * Kubernetes resource.Quantity: a fixed-point number with an SI, binary-SI or exponent
 * suffix ("100m", "128Mi", "1e3"). The value is held exactly as an integer count of
 * nano-units (Kubernetes' finest scale); finer fractions round up like Kubernetes'
 * RoundUp to the nano scale.
 */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export const QUANTITY_REGEX_TEXT = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const QUANTITY_FORMAT_MESSAGE = `quantities must match the regular expression '${QUANTITY_REGEX_TEXT}'`;

const QUANTITY_RE = new RegExp(QUANTITY_REGEX_TEXT);
const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const EXPONENT_RE = /^[eE]([-+]?\d+)$/;
const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_BY_SHIFT = Object.entries(BINARY_SUFFIXES).sort((a, b) => b[1] - a[1]);
// Bounds keep hostile input ("1e999999999") from making huge BigInts; real quantities are far inside.
const MAX_DIGITS = 64;
const MAX_EXPONENT = 64;
const NANO = 1_000_000_000n;

export class QuantityParseError extends Error {}

export class Quantity {
  private constructor(
    /** The value times 10^9, exactly. */
    readonly nanos: bigint,
    readonly format: QuantityFormat,
  ) {}

  static fromNanos(nanos: bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(nanos, format);
  }

  static parse(input: string): Quantity {
    const match = QUANTITY_RE.exec(input);
    if (!match) throw new QuantityParseError(QUANTITY_FORMAT_MESSAGE);
    const [, numberPart, suffix] = match;
    if (!NUMBER_RE.test(numberPart) || numberPart.replace(/[+\-.]/g, '').length > MAX_DIGITS) {
      throw new QuantityParseError(QUANTITY_FORMAT_MESSAGE);
    }
    let exponent10: number;
    let shift2 = 0;
    let format: QuantityFormat = 'DecimalSI';
    if (suffix in DECIMAL_SUFFIXES) exponent10 = DECIMAL_SUFFIXES[suffix];
    else if (suffix in BINARY_SUFFIXES) {
      exponent10 = 0;
      shift2 = BINARY_SUFFIXES[suffix];
      format = 'BinarySI';
    } else {
      const exp = EXPONENT_RE.exec(suffix);
      if (!exp || Math.abs(Number(exp[1])) > MAX_EXPONENT) throw new QuantityParseError(QUANTITY_FORMAT_MESSAGE);
      exponent10 = Number(exp[1]);
      format = 'DecimalExponent';
    }
    const negative = numberPart.startsWith('-');
    const unsigned = numberPart.replace(/^[+-]/, '');
    const [whole, fraction = ''] = unsigned.split('.');
    let mantissa = BigInt((whole || '0') + fraction) << BigInt(shift2);
    const scale = exponent10 - fraction.length + 9; // power of ten that turns the mantissa into nanos
    if (scale >= 0) mantissa *= 10n ** BigInt(scale);
    else {
      const divisor = 10n ** BigInt(-scale);
      mantissa = mantissa / divisor + (mantissa % divisor === 0n ? 0n : 1n); // round up, away from zero
    }
    return new Quantity(negative ? -mantissa : mantissa, format);
  }

  /** The value in milli-units, rounded up (Kubernetes MilliValue). */
  milliValue(): number {
    return Number(ceilDiv(this.nanos, 1_000_000n));
  }

  /** The value in whole units, rounded up (Kubernetes Value). */
  value(): number {
    return Number(ceilDiv(this.nanos, NANO));
  }

  asApproximateFloat64(): number {
    return Number(this.nanos) / 1e9;
  }

  isNegative(): boolean {
    return this.nanos < 0n;
  }

  /** -1, 0 or 1, like Kubernetes Quantity.Cmp. */
  cmp(other: Quantity): number {
    return this.nanos === other.nanos ? 0 : this.nanos < other.nanos ? -1 : 1;
  }

  add(other: Quantity): Quantity {
    return new Quantity(this.nanos + other.nanos, this.format);
  }

  /** Canonical text, as Kubernetes serializes a quantity: "1536Mi", "500m", "1k", "1e3". */
  toString(): string {
    if (this.nanos === 0n) return '0';
    const sign = this.nanos < 0n ? '-' : '';
    const magnitude = this.nanos < 0n ? -this.nanos : this.nanos;
    if (this.format === 'BinarySI' && magnitude % NANO === 0n) {
      const units = magnitude / NANO;
      for (const [suffix, shift] of BINARY_BY_SHIFT) {
        const unit = 1n << BigInt(shift);
        if (units % unit === 0n) return `${sign}${units / unit}${suffix}`;
      }
    }
    // Smallest mantissa whose exponent is a multiple of three, within n..E.
    let mantissa = magnitude;
    let exponent = -9;
    while (mantissa % 10n === 0n && exponent < 18) {
      mantissa /= 10n;
      exponent++;
    }
    while (((exponent % 3) + 3) % 3 !== 0) {
      mantissa *= 10n;
      exponent--;
    }
    if (this.format === 'DecimalExponent') return `${sign}${mantissa}${exponent === 0 ? '' : `e${exponent}`}`;
    return `${sign}${mantissa}${DECIMAL_BY_EXPONENT.get(exponent)}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

function ceilDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d !== 0n && n > 0n ? q + 1n : q;
}

/** Parses a quantity from its JSON form: a string, or a number as YAML often gives ("cpu: 1"). */
export function parseQuantity(input: string | number): Quantity {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new QuantityParseError(QUANTITY_FORMAT_MESSAGE);
    return Quantity.parse(numberToQuantityText(input));
  }
  return Quantity.parse(input);
}

/** True when `value` is a JSON string or number that parses as a quantity. */
export function isQuantity(value: unknown): value is string | number {
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  try {
    parseQuantity(value);
    return true;
  } catch {
    return false;
  }
}

function numberToQuantityText(n: number): string {
  // String(1e21) is "1e+21": the quantity grammar takes "1e21".
  return String(n).replace('e+', 'e');
}
