/** A set of change listeners: what every store hands its hook. */
export class Listeners {
  private readonly set = new Set<() => void>();

  add(listener: () => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  notify(): void {
    for (const listener of this.set) listener();
  }
}
