import { APPS_V1_MESSAGES } from './apps-v1.messages.js';
import { AUTOSCALING_V1_MESSAGES } from './autoscaling-v1.messages.js';
import { compileMessageTables } from './compile-message-tables.js';
import { COORDINATION_V1_MESSAGES } from './coordination-v1.messages.js';
import { CORE_V1_MESSAGES } from './core-v1.messages.js';
import type { MessageSchema } from './message-schema.js';
import { META_V1_MESSAGES } from './meta-v1.messages.js';
import { POLICY_V1_MESSAGES } from './policy-v1.messages.js';

const MESSAGES = compileMessageTables(
  META_V1_MESSAGES,
  CORE_V1_MESSAGES,
  APPS_V1_MESSAGES,
  COORDINATION_V1_MESSAGES,
  AUTOSCALING_V1_MESSAGES,
  POLICY_V1_MESSAGES,
);

const KINDS_BY_API_VERSION: Readonly<Record<string, readonly string[]>> = {
  v1: [
    'Namespace',
    'Node',
    'Pod',
    'Service',
    'Endpoints',
    'ReplicationController',
    'ConfigMap',
    'Secret',
    'Event',
    'Binding',
  ],
  'apps/v1': ['Deployment', 'ReplicaSet'],
  'coordination.k8s.io/v1': ['Lease'],
  'autoscaling/v1': ['Scale'],
  'policy/v1': ['Eviction'],
};

/**
 * The schema of a top-level object, or undefined when kubenest has none. DeleteOptions is
 * accepted under any apiVersion because client-go registers it in every group version and
 * encodes it with the version of the client that sends it (v1 for pods, apps/v1, ...).
 */
export function topLevelSchemaFor(apiVersion: string, kind: string): MessageSchema | undefined {
  if (kind === 'DeleteOptions') return MESSAGES.get(kind);
  return KINDS_BY_API_VERSION[apiVersion]?.includes(kind) ? MESSAGES.get(kind) : undefined;
}
