/** A token bucket on an injected clock: `burst` tokens, one more every `refillMs`. */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly burst: number,
    private readonly refillMs: number,
    now: number,
  ) {
    this.tokens = burst;
    this.refilledAt = now;
  }

  tryTake(now: number): boolean {
    const earned = Math.floor((now - this.refilledAt) / this.refillMs);
    if (earned > 0) {
      this.tokens = Math.min(this.burst, this.tokens + earned);
      this.refilledAt = this.tokens === this.burst ? now : this.refilledAt + earned * this.refillMs;
    }
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }
}
