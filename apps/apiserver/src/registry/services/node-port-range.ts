import { staticBandSize, type AllocationRange } from './allocation-range.js';

/** The node port range (kube-apiserver --service-node-port-range), "30000-32767" or a single port. */
export class NodePortRange implements AllocationRange<number> {
  readonly pool: string;
  readonly text: string;
  readonly firstOffset = 0;
  readonly lastOffset: number;
  readonly dynamicStart: number;

  private constructor(
    private readonly min: number,
    max: number,
  ) {
    this.text = `${min}-${max}`;
    this.lastOffset = max - min;
    this.dynamicStart = Math.min(staticBandSize(max - min + 1, 32, 128), this.lastOffset);
    this.pool = `node-ports:${this.text}`;
  }

  /** Parses "30000-32767" (or "30000+2767", base plus size, as Kubernetes also accepts). */
  static parse(text: string): NodePortRange {
    const match = /^(\d{1,5})(?:([-+])(\d{1,5}))?$/.exec(text.trim());
    const min = match ? Number(match[1]) : NaN;
    const max = !match?.[2] ? min : match[2] === '+' ? min + Number(match[3]) : Number(match[3]);
    if (!(min >= 1 && max <= 65535 && min <= max)) {
      throw new Error('must be a port range such as 30000-32767 within 1-65535');
    }
    return new NodePortRange(min, max);
  }

  offsetOf(port: number): number | undefined {
    const offset = port - this.min;
    return Number.isInteger(port) && offset >= 0 && offset <= this.lastOffset ? offset : undefined;
  }

  valueAt(offset: number): number {
    return this.min + offset;
  }
}
