import { containerCells, formatLabels, formatLabelSelector, type LabelSelector } from '../format.js';
import { age } from '../human-duration.js';
import { AGE_COLUMN, column, NAME_COLUMN, type TablePrinter } from '../table-types.js';

interface Workload {
  metadata: { name?: string; creationTimestamp?: string };
  spec?: {
    replicas?: number;
    selector?: LabelSelector | Record<string, string>;
    template?: { spec?: { containers?: { name?: string; image?: string }[] } };
  };
  status?: { replicas?: number; readyReplicas?: number; updatedReplicas?: number; availableReplicas?: number };
}

const CONTAINERS = column('Containers', 'Names of each container in the template.', { priority: 1 });
const IMAGES = column('Images', 'Images referenced by each container in the template.', { priority: 1 });
const SELECTOR = column('Selector', 'Label selector for pods.', { priority: 1 });

export const deploymentPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'Number of the pod with ready state'),
    column(
      'Up-to-date',
      'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
    ),
    column(
      'Available',
      'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
    ),
    AGE_COLUMN,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  cells(d: Workload, now) {
    const [names, images] = containerCells(d.spec?.template?.spec?.containers);
    return [
      d.metadata.name,
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      age(d.metadata.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(d.spec?.selector as LabelSelector | undefined),
    ];
  },
};

/**
 * ReplicaSets and ReplicationControllers print alike; only the selector differs: a
 * LabelSelector for ReplicaSets, a plain label map for ReplicationControllers.
 */
function replicaPrinter(formatSelector: (selector: unknown) => string): TablePrinter {
  return {
    columns: [
      NAME_COLUMN,
      column('Desired', 'Number of desired pods.', { type: 'integer' }),
      column('Current', 'The most recently observed number of replicas.', { type: 'integer' }),
      column('Ready', 'The number of pods targeted by this controller with a Ready Condition.', { type: 'integer' }),
      AGE_COLUMN,
      CONTAINERS,
      IMAGES,
      SELECTOR,
    ],
    cells(rs: Workload, now) {
      const [names, images] = containerCells(rs.spec?.template?.spec?.containers);
      return [
        rs.metadata.name,
        rs.spec?.replicas ?? 0,
        rs.status?.replicas ?? 0,
        rs.status?.readyReplicas ?? 0,
        age(rs.metadata.creationTimestamp, now),
        names,
        images,
        formatSelector(rs.spec?.selector),
      ];
    },
  };
}

export const replicaSetPrinter = replicaPrinter((s) => formatLabelSelector(s as LabelSelector | undefined));
export const replicationControllerPrinter = replicaPrinter((s) =>
  formatLabels(s as Record<string, string> | undefined),
);
