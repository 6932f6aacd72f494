import type { ResourceType } from '#api';
import { EventStrategy } from './event-strategy.js';
import { NamespaceStrategy } from './namespace-strategy.js';
import { NodeStrategy } from './node-strategy.js';
import { PodStrategy } from './pod-strategy.js';
import type { ObjectAllocator } from './object-allocator.js';
import { DefaultStrategy, type ResourceStrategy } from './resource-strategy.js';
import { ServiceStrategy } from './service-strategy.js';

/** Settings of the per-kind rules that operators may tune. */
export interface StrategySettings {
  eventTtlSeconds: number;
  /** Cluster IPs and node ports, from the configured ranges. */
  serviceAllocator: ObjectAllocator;
}

const SPECIAL: Record<string, (settings: StrategySettings) => ResourceStrategy> = {
  Pod: () => new PodStrategy(),
  Namespace: () => new NamespaceStrategy(),
  Node: () => new NodeStrategy(),
  Event: (settings) => new EventStrategy(settings.eventTtlSeconds),
  Service: (settings) => new ServiceStrategy(settings.serviceAllocator),
};

export function strategyFor(type: ResourceType, settings: StrategySettings): ResourceStrategy {
  const special = type.group === '' ? SPECIAL[type.kind] : undefined;
  return special ? special(settings) : new DefaultStrategy(type.subresources.includes('status'));
}
