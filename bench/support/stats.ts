/** Latency percentiles from plain sorted arrays: runs are short enough to keep every sample. */
export interface LatencySummary {
  count: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** The lower median of a few repeated runs' figures (a value that was measured, not an average of two). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/**
 * Samples of one measured series, plus its failures by kind. Nothing is dropped silently:
 * every failed operation is counted under a short description (HTTP status and reason, or
 * the error code) so the report can say what went wrong.
 */
export class LatencyRecorder {
  readonly samples: number[] = [];
  readonly errorKinds = new Map<string, number>();
  private errorCount = 0;

  record(ms: number): void {
    this.samples.push(ms);
  }

  fail(error: unknown): void {
    this.errorCount++;
    const kind = describeError(error);
    this.errorKinds.set(kind, (this.errorKinds.get(kind) ?? 0) + 1);
  }

  get errors(): number {
    return this.errorCount;
  }

  summary(): LatencySummary {
    const sorted = [...this.samples].sort((a, b) => a - b);
    return {
      count: sorted.length,
      errors: this.errorCount,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
    };
  }

  /** e.g. "409 AlreadyExists x3; ECONNRESET x1"; empty when nothing failed. */
  describeErrors(): string {
    return [...this.errorKinds].map(([kind, n]) => `${kind} x${n}`).join('; ');
  }
}

/** A short, groupable description: HTTP status + Status.reason for API errors, else code or message. */
export function describeError(error: unknown): string {
  const e = error as { code?: unknown; body?: unknown; message?: unknown; cause?: { code?: unknown } };
  if (typeof e?.code === 'number') {
    let reason = '';
    try {
      const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
      reason = (body as { reason?: string } | undefined)?.reason ?? '';
    } catch {
      // a non-JSON body: the status code alone still groups it
    }
    return `HTTP ${e.code}${reason ? ` ${reason}` : ''}`;
  }
  if (typeof e?.code === 'string') return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  return String(e?.message ?? error).slice(0, 80);
}
