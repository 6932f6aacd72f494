/** Used against capacity as a bar with its numbers beside it; "not available" when there is no reading. */
export function UsageBar(props: { label: string; used?: number; capacity?: number; format: (n: number) => string }) {
  const { label, used, capacity, format } = props;
  if (used === undefined || !capacity) {
    return (
      <div class="usage">
        <span class="usage-label">{label}</span>
        <span class="usage-na">{capacity ? `not available (capacity ${format(capacity)})` : 'not available'}</span>
      </div>
    );
  }
  const percent = Math.min(100, Math.round((used / capacity) * 100));
  const level = percent >= 90 ? 'high' : percent >= 70 ? 'elevated' : 'normal';
  return (
    <div class="usage">
      <span class="usage-label">{label}</span>
      <div
        class={`usage-track level-${level}`}
        role="meter"
        aria-label={`${label} usage`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div class="usage-fill" style={{ width: `${percent}%` }} />
      </div>
      <span class="usage-text">
        {format(used)} / {format(capacity)} ({percent}%)
      </span>
    </div>
  );
}
