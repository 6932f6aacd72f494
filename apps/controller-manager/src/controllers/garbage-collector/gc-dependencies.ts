import type { KubeObject, ResourceType } from '#api';
import type { ApiClient, Informer } from '#client';
import type { ObjectGraph } from './object-graph.js';

/** What the collector's phases read and write through. */
export interface GcDependencies {
  client: ApiClient;
  graph: ObjectGraph;
  /** The informer of a kind the collector watches, by type. */
  informerOf(type: ResourceType): Informer<KubeObject> | undefined;
}
