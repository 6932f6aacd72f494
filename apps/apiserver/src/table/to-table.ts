import type { KubeObject, ListMeta, ResourceType } from '#api';
import { printerFor } from './printer-registry.js';
import type { IncludeObject, Table, TableRow } from './table-types.js';

export interface TableOptions {
  includeObject: IncludeObject;
  now: Date;
  listMeta?: ListMeta;
  /** metav1.TableOptions.noHeaders: leave columnDefinitions null (watch events after the first). */
  noHeaders?: boolean;
}

/**
 * Objects of one kind as a meta.k8s.io/v1 Table. Rows carry every column, wide ones included:
 * kubectl hides priority-1 columns itself unless -o wide. The row object follows
 * ?includeObject: the whole object, its PartialObjectMetadata (the default), or nothing.
 */
export function toTable(type: ResourceType, objects: KubeObject[], options: TableOptions): Table {
  const printer = printerFor(type);
  const rows = objects.map((obj): TableRow => {
    const conditions = printer.conditions?.(obj);
    const object = rowObject(obj, options.includeObject);
    return {
      cells: printer.cells(obj, options.now),
      ...(conditions ? { conditions } : {}),
      ...(object !== undefined ? { object } : {}),
    };
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: options.listMeta ?? {},
    columnDefinitions: options.noHeaders ? null : printer.columns,
    rows,
  };
}

function rowObject(obj: KubeObject, include: IncludeObject): unknown {
  switch (include) {
    case 'Object':
      return obj;
    case 'None':
      return undefined;
    default:
      return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
  }
}
