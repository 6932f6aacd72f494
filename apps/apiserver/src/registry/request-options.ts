/** Query and body options of a write, as kube-apiserver reads them. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  dryRun: boolean;
  fieldValidation: FieldValidation;
  fieldManager?: string;
}

export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';

export interface DeleteOptions {
  dryRun: boolean;
  gracePeriodSeconds?: number;
  propagationPolicy?: PropagationPolicy;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

export interface WatchOptions extends ListOptions {
  resourceVersion?: string;
  allowWatchBookmarks: boolean;
  sendInitialEvents?: boolean;
}

/** What a write produced, plus warnings for the Warning header (fieldValidation=Warn). */
export interface WriteResult<T> {
  object: T;
  warnings: string[];
  /** True when the write created the object (201), false when it changed one (200). */
  created?: boolean;
}
