/**
 * Wall time per step of one pod sync, summed when a step repeats, so a slow start can be
 * told apart: runtime listing, sandbox, volumes, image, container create/start, status write.
 */
export class SyncSteps {
  private readonly began = performance.now();
  private readonly totals: Record<string, number> = {};

  async time<T>(step: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.add(step, performance.now() - started);
    }
  }

  add(step: string, ms: number): void {
    this.totals[step] = (this.totals[step] ?? 0) + ms;
  }

  /** Milliseconds per step (rounded to 0.1 ms) and the sync's total so far. */
  summary(): { steps: Record<string, number>; totalMs: number } {
    const round = (v: number) => Math.round(v * 10) / 10;
    return {
      steps: Object.fromEntries(Object.entries(this.totals).map(([k, v]) => [k, round(v)])),
      totalMs: round(performance.now() - this.began),
    };
  }
}
