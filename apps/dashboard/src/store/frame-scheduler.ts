/**
 * Runs queued work once per animation frame: socket messages can arrive many times a frame,
 * and applying them together means one render per frame however busy the cluster is.
 * Hidden tabs get no frames, so a timer stands in for them and the queue stays bounded.
 */
export class FrameScheduler {
  private readonly queue: (() => void)[] = [];
  private scheduled = false;

  constructor(private readonly flushed: () => void) {}

  enqueue(work: () => void): void {
    this.queue.push(work);
    if (this.scheduled) return;
    this.scheduled = true;
    if (document.visibilityState === 'hidden') setTimeout(() => this.flush(), 250);
    else requestAnimationFrame(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const work = this.queue.splice(0);
    for (const item of work) item();
    if (work.length) this.flushed();
  }
}
