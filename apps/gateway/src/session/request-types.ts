// The client requests of docs/gateway-protocol.md. Plain types with no imports, so the
// dashboard (a browser bundle) shares them with the server instead of keeping a copy.

export interface WatchRequest {
  id: string;
  resource: string;
  group?: string;
  version?: string;
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
}

export interface LogsRequest {
  id: string;
  namespace: string;
  pod: string;
  container?: string;
  tailLines?: number;
  previous?: boolean;
  follow?: boolean;
}

export interface MetricsRequest {
  id: string;
  kind: 'nodes' | 'pods';
  namespace?: string;
}
