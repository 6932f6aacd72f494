import { parseQuantity } from '#api';
import { CPU, type ResourceList } from './resource-list.js';

/** A Kubernetes quantity map ("cpu": "500m", "memory": "1Gi") in the framework's units. */
export function toResourceList(quantities: Record<string, string | number> | undefined): ResourceList {
  const out: ResourceList = {};
  for (const [name, raw] of Object.entries(quantities ?? {})) {
    const quantity = parseQuantity(raw);
    out[name] = name === CPU ? quantity.milliValue() : quantity.value();
  }
  return out;
}

export function addInto(target: ResourceList, add: ResourceList): ResourceList {
  for (const [name, amount] of Object.entries(add)) target[name] = (target[name] ?? 0) + amount;
  return target;
}

/** Per resource, the larger of the two (init containers run one at a time, before the others). */
export function maxInto(target: ResourceList, other: ResourceList): ResourceList {
  for (const [name, amount] of Object.entries(other)) target[name] = Math.max(target[name] ?? 0, amount);
  return target;
}
