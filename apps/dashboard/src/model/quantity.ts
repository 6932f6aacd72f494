// Kubernetes resource quantities ("250m", "1.5", "512Mi", "1e3") as plain numbers, for bars
// and charts: CPU in cores, memory in bytes.

const SUFFIXES: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/** The quantity's value, or undefined when it is missing or not a quantity. */
export function parseQuantity(quantity: string | undefined): number | undefined {
  if (quantity === undefined) return undefined;
  const match = QUANTITY.exec(quantity.trim());
  if (!match) return undefined;
  const [, number, exponent, suffix = ''] = match;
  return exponent ? Number(number + exponent) : Number(number) * SUFFIXES[suffix];
}

/** CPU cores as people read them: "250m" below one core, "1.5" above. */
export function formatCpu(cores: number | undefined): string {
  if (cores === undefined || Number.isNaN(cores)) return '–';
  if (cores < 1) return `${Math.round(cores * 1000)}m`;
  return `${Number(cores.toFixed(2))}`;
}

/** Bytes in binary units, one decimal from Gi up: "512Mi", "1.5Gi". */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || Number.isNaN(bytes)) return '–';
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit >= 3 ? Number(value.toFixed(1)) : Math.round(value)}${units[unit]}`;
}
