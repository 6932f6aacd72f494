/**
 * intstr.GetScaledValueFromIntOrPercent: an int is itself; "25%" is 25% of `total`, rounded
 * up for maxSurge and down for maxUnavailable, so that a rollout always can make progress
 * and never drops below what the user allowed. Example, total 10: "25%" -> 3 up, 2 down.
 * Throws on a malformed string (validation should have refused it).
 */
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const match = /^(\d+)%$/.exec(value);
  if (!match) throw new Error(`invalid value for IntOrString: ${JSON.stringify(value)}`);
  const scaled = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}
