import type { Store } from '#store';

export interface CheckResult {
  name: string;
  ok: boolean;
  reason?: string;
}

/** Readiness: the apiserver is ready when its store answers. */
export class HealthChecks {
  constructor(private readonly store: Store) {}

  async readiness(): Promise<CheckResult[]> {
    return [{ name: 'ping', ok: true }, await this.check('redis', () => this.store.currentResourceVersion())];
  }

  private async check(name: string, probe: () => Promise<unknown>): Promise<CheckResult> {
    try {
      await probe();
      return { name, ok: true };
    } catch (error) {
      return { name, ok: false, reason: (error as Error).message };
    }
  }
}
