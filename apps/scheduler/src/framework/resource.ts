import { CPU, MEMORY, type ResourceList } from './resource-list.js';

/**
 * kube-scheduler's framework.Resource: cpu (millicores) and memory (bytes) in fields of their
 * own, because fitting and scoring read them for every node in every cycle and a fixed field
 * is several times quicker to read than a name looked up in a map; every other resource
 * (pods, ephemeral-storage, hugepages, extended resources) by name, in whole units.
 */
export class Resource {
  milliCpu = 0;
  memory = 0;
  readonly scalar = new Map<string, number>();

  static of(list: ResourceList): Resource {
    const resource = new Resource();
    for (const [name, amount] of Object.entries(list)) resource.set(name, amount);
    return resource;
  }

  get(name: string): number {
    if (name === CPU) return this.milliCpu;
    if (name === MEMORY) return this.memory;
    return this.scalar.get(name) ?? 0;
  }

  set(name: string, amount: number): void {
    if (name === CPU) this.milliCpu = amount;
    else if (name === MEMORY) this.memory = amount;
    else this.scalar.set(name, amount);
  }

  add(other: Resource, sign: 1 | -1 = 1): void {
    this.milliCpu += sign * other.milliCpu;
    this.memory += sign * other.memory;
    if (other.scalar.size > 0)
      for (const [name, amount] of other.scalar) this.set(name, this.get(name) + sign * amount);
  }

  subtract(other: Resource): void {
    this.add(other, -1);
  }
}
