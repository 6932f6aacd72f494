const UNITS: readonly [string, bigint][] = [
  ['ns', 1n],
  ['µs', 1_000n],
  ['ms', 1_000_000n],
];

/**
 * Formats nanoseconds the way Go's time.Duration.String does, which is what metav1.Duration
 * marshals to in JSON: "1h2m3.5s", "1.5ms", "0s".
 */
export function formatGoDuration(nanoseconds: bigint): string {
  const sign = nanoseconds < 0n ? '-' : '';
  const magnitude = nanoseconds < 0n ? -nanoseconds : nanoseconds;
  if (magnitude === 0n) return '0s';
  if (magnitude < 1_000_000_000n) {
    const [unit, size] = [...UNITS].reverse().find(([, s]) => magnitude >= s)!;
    return `${sign}${withFraction(magnitude, size)}${unit}`;
  }
  const hours = magnitude / 3_600_000_000_000n;
  const minutes = (magnitude / 60_000_000_000n) % 60n;
  const seconds = withFraction(magnitude % 60_000_000_000n, 1_000_000_000n);
  if (hours > 0n) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0n) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

/** value/size in decimal, trailing zeros of the fraction removed (Go's fmtFrac). */
function withFraction(value: bigint, size: bigint): string {
  const whole = value / size;
  const remainder = value % size;
  if (remainder === 0n) return `${whole}`;
  const digits = size.toString().length - 1;
  return `${whole}.${remainder.toString().padStart(digits, '0').replace(/0+$/, '')}`;
}
