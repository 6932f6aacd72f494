import type { GroupVersionKind } from '../discovery/index.js';

/**
 * A neutral description of the API's operations, rendered to Swagger 2.0 and OpenAPI 3.0 by
 * openapi-v2.ts and openapi-v3.ts, so both documents list exactly the same operations.
 */
export interface ParameterSpec {
  name: string;
  in: 'query' | 'path';
  description: string;
  type: 'string' | 'integer' | 'boolean';
  required?: boolean;
  uniqueItems?: boolean;
}

/** The x-kubernetes-action values kube-apiserver puts on operations. */
export type KubernetesAction =
  'get' | 'list' | 'post' | 'put' | 'patch' | 'delete' | 'deletecollection' | 'watch' | 'watchlist' | 'connect';

export interface ResponseSpec {
  description: string;
  /** A definition name, or "string" for text bodies (logs, exec). */
  schema: string;
}

export interface OperationSpec {
  method: 'get' | 'put' | 'post' | 'patch' | 'delete';
  operationId: string;
  description: string;
  tag: string;
  action: KubernetesAction;
  gvk: GroupVersionKind;
  parameters: ParameterSpec[];
  /** Definition name of the request body, when there is one. */
  body?: { schema: string; required: boolean };
  consumes: string[];
  produces: string[];
  responses: Record<string, ResponseSpec>;
}

export interface PathSpec {
  path: string;
  parameters: ParameterSpec[];
  operations: OperationSpec[];
}
