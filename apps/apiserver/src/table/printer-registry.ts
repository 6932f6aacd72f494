import type { ResourceType } from '#api';
import { age } from './human-duration.js';
import { configMapPrinter, secretPrinter } from './printers/config-printers.js';
import { leasePrinter, namespacePrinter, nodePrinter } from './printers/cluster-printers.js';
import { eventPrinter } from './printers/event-printer.js';
import { podPrinter } from './printers/pod-printer.js';
import { endpointSlicePrinter, endpointsPrinter, servicePrinter } from './printers/service-printers.js';
import { deploymentPrinter, replicaSetPrinter, replicationControllerPrinter } from './printers/workload-printers.js';
import { AGE_COLUMN, NAME_COLUMN, type TablePrinter } from './table-types.js';

/** Kinds without a printer of their own show NAME and AGE, as CRDs without printer columns do. */
export const defaultPrinter: TablePrinter = {
  columns: [NAME_COLUMN, AGE_COLUMN],
  cells(obj: { metadata: { name?: string; creationTimestamp?: string } }, now) {
    return [obj.metadata.name, age(obj.metadata.creationTimestamp, now)];
  },
};

const PRINTERS: Record<string, TablePrinter> = {
  '/Pod': podPrinter,
  '/Service': servicePrinter,
  '/Endpoints': endpointsPrinter,
  '/ReplicationController': replicationControllerPrinter,
  '/Node': nodePrinter,
  '/Namespace': namespacePrinter,
  '/ConfigMap': configMapPrinter,
  '/Secret': secretPrinter,
  '/Event': eventPrinter,
  'apps/Deployment': deploymentPrinter,
  'apps/ReplicaSet': replicaSetPrinter,
  'coordination.k8s.io/Lease': leasePrinter,
  'discovery.k8s.io/EndpointSlice': endpointSlicePrinter,
};

/** The printer for a kind, keyed by group and kind so every served version prints alike. */
export function printerFor(type: Pick<ResourceType, 'group' | 'kind'>): TablePrinter {
  return PRINTERS[`${type.group}/${type.kind}`] ?? defaultPrinter;
}
