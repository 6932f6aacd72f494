import { age } from '../human-duration.js';
import { AGE_COLUMN, column, NAME_COLUMN, type TablePrinter } from '../table-types.js';

interface ConfigMap {
  metadata: { name?: string; creationTimestamp?: string };
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
}

interface Secret {
  metadata: { name?: string; creationTimestamp?: string };
  type?: string;
  data?: Record<string, string>;
}

export const configMapPrinter: TablePrinter = {
  columns: [NAME_COLUMN, column('Data', 'Number of data and binaryData entries.'), AGE_COLUMN],
  cells(cm: ConfigMap, now) {
    return [
      cm.metadata.name,
      Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length,
      age(cm.metadata.creationTimestamp, now),
    ];
  },
};

export const secretPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Type', 'Used to facilitate programmatic handling of secret data.'),
    column('Data', 'Number of data entries.'),
    AGE_COLUMN,
  ],
  cells(secret: Secret, now) {
    return [
      secret.metadata.name,
      secret.type ?? 'Opaque',
      Object.keys(secret.data ?? {}).length,
      age(secret.metadata.creationTimestamp, now),
    ];
  },
};
