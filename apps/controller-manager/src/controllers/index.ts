import type { ControllerDefinition } from '../controller-context.js';
import { deploymentController } from './deployment/index.js';
import { endpointSliceController } from './endpoint-slice/index.js';
import { endpointsController } from './endpoints/index.js';
import { eventExportController } from './event-export/index.js';
import { garbageCollectorController } from './garbage-collector/index.js';
import { namespaceController } from './namespace/index.js';
import { nodeLifecycleController } from './node-lifecycle/index.js';
import { replicaSetKind } from './replication/replica-set-kind.js';
import { replicationControllerDefinition } from './replication/replication-controller-definition.js';
import { replicationControllerKind } from './replication/replication-controller-kind.js';

/**
 * Every controller the controller-manager can run, in start order; KUBENEST_CONTROLLERS
 * picks among them by name. Add a controller here once its folder exports its definition.
 */
export const CONTROLLERS: readonly ControllerDefinition[] = [
  replicationControllerDefinition(replicaSetKind),
  replicationControllerDefinition(replicationControllerKind),
  deploymentController,
  garbageCollectorController,
  namespaceController,
  nodeLifecycleController,
  endpointsController,
  endpointSliceController,
  eventExportController,
];
