import type { ResourceType } from '#api';
import { NamespaceStrategy } from './namespace-strategy.js';
import { NodeStrategy } from './node-strategy.js';
import { PodStrategy } from './pod-strategy.js';
import { DefaultStrategy, type ResourceStrategy } from './resource-strategy.js';

const SPECIAL: Record<string, () => ResourceStrategy> = {
  'Pod': () => new PodStrategy(),
  'Namespace': () => new NamespaceStrategy(),
  'Node': () => new NodeStrategy(),
};

export function strategyFor(type: ResourceType): ResourceStrategy {
  const special = type.group === '' ? SPECIAL[type.kind] : undefined;
  return special ? special() : new DefaultStrategy(type.subresources.includes('status'));
}
