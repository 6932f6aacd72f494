import { compareResourceVersions } from '#client';

/**
 * The highest resourceVersion a reconcile wrote, for Expectations.expect: the next reconcile
 * of the key, on any process, waits until its informers have seen it.
 */
export class WriteTracker {
  private highest: string | undefined;

  observe(resourceVersion: string | undefined): void {
    if (!resourceVersion) return;
    if (this.highest === undefined || compareResourceVersions(resourceVersion, this.highest) > 0)
      this.highest = resourceVersion;
  }

  get highestResourceVersion(): string | undefined {
    return this.highest;
  }
}
