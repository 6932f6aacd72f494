/**
 * The sum of every sample of metric `name` (whatever its labels) in a Prometheus text
 * exposition, e.g. `nodejs_gc_duration_seconds_sum` over all GC kinds; NaN when absent.
 */
export function metricSum(exposition: string, name: string): number {
  let sum = Number.NaN;
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(name) || (line[name.length] !== ' ' && line[name.length] !== '{')) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    sum = Number.isNaN(sum) ? value : sum + value;
  }
  return sum;
}
