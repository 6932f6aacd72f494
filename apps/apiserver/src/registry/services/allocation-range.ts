/**
 * A contiguous range of values an allocation pool hands out (service cluster IPs, node
 * ports), seen as offsets 0..size-1 of the pool's bitmap.
 */
export interface AllocationRange<V> {
  /** The pool's name in the store: it names the range, so a changed range starts a fresh pool. */
  readonly pool: string;
  /** The range as Kubernetes prints it in "The range of valid ... is <text>". */
  readonly text: string;
  /** Lowest and highest offsets that may be handed out. */
  readonly firstOffset: number;
  readonly lastOffset: number;
  /**
   * Start of the dynamic band. As Kubernetes' ServiceIPStaticSubrange and
   * ServiceNodePortStaticSubrange, automatic picks come from above it first, so values
   * below it stay free for users who ask for a specific one.
   */
  readonly dynamicStart: number;
  /** The offset of a value, or undefined when the value is outside the range. */
  offsetOf(value: V): number | undefined;
  valueAt(offset: number): V;
}

/** Kubernetes' static band: min(max(16, size / divisor), cap) values at the bottom of the range. */
export function staticBandSize(size: number, divisor: number, cap: number): number {
  return Math.min(Math.max(16, Math.floor(size / divisor)), cap);
}
