import type { ListMeta } from '#api';

/** meta.k8s.io/v1 Table, what kubectl get asks for with Accept: application/json;as=Table;v=v1;g=meta.k8s.io. */
export interface TableColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string;
  description: string;
  /** 0: always shown; 1: only with kubectl get -o wide. */
  priority: number;
}

export interface TableRowCondition {
  type: 'Completed';
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export interface TableRow {
  cells: unknown[];
  conditions?: TableRowCondition[];
  /** The object, its PartialObjectMetadata, or absent, per includeObject. */
  object?: unknown;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ListMeta;
  /** null when headers are suppressed (every watch event after the first). */
  columnDefinitions: TableColumnDefinition[] | null;
  rows: TableRow[];
}

/** ?includeObject=: kube-apiserver defaults to Metadata; kubectl sends Object only with --sort-by. */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** How one kind becomes table rows: columns, and the cells of one object (all priorities). */
export interface TablePrinter {
  columns: TableColumnDefinition[];
  cells(obj: unknown, now: Date): unknown[];
  conditions?(obj: unknown): TableRowCondition[] | undefined;
}

/** A column in kube-apiserver's style; format "name" marks the NAME column. */
export function column(
  name: string,
  description: string,
  options: { type?: TableColumnDefinition['type']; priority?: number; format?: string } = {},
): TableColumnDefinition {
  return {
    name,
    type: options.type ?? 'string',
    format: options.format ?? '',
    description,
    priority: options.priority ?? 0,
  };
}

export const NAME_COLUMN = column('Name', 'Name must be unique within a namespace.', { format: 'name' });
export const AGE_COLUMN = column(
  'Age',
  'CreationTimestamp is a timestamp representing the server time when this object was created.',
);
