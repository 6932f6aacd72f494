export type ProbeOutcome = 'success' | 'failure';

/**
 * A probe's result as the kubelet's prober worker keeps it: it flips only after
 * successThreshold consecutive successes or failureThreshold consecutive failures.
 */
export class ProbeTracker {
  private successes = 0;
  private failures = 0;

  constructor(
    private result: ProbeOutcome,
    private readonly successThreshold: number,
    private readonly failureThreshold: number,
  ) {}

  get current(): ProbeOutcome {
    return this.result;
  }

  /** Adds one probe outcome; returns true when the result changed. */
  record(outcome: ProbeOutcome): boolean {
    if (outcome === 'success') {
      this.successes++;
      this.failures = 0;
    } else {
      this.failures++;
      this.successes = 0;
    }
    const flip =
      outcome !== this.result &&
      (outcome === 'success' ? this.successes >= this.successThreshold : this.failures >= this.failureThreshold);
    if (flip) this.result = outcome;
    return flip;
  }

  /** After a liveness kill the count starts over, as the kubelet resets its worker. */
  reset(result: ProbeOutcome): void {
    this.result = result;
    this.successes = 0;
    this.failures = 0;
  }
}
