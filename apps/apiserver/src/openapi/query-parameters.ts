import type { ParameterSpec } from './operation-model.js';

/** The query and path parameters Kubernetes documents on its operations, in its order. */
function query(name: string, type: ParameterSpec['type'], description: string): ParameterSpec {
  return { name, in: 'query', type, description, uniqueItems: true };
}

export const PARAM = {
  pretty: query('pretty', 'string', "If 'true', then the output is pretty printed."),
  allowWatchBookmarks: query(
    'allowWatchBookmarks',
    'boolean',
    'Requests watch events with type "BOOKMARK". Servers may ignore it.',
  ),
  continue: query(
    'continue',
    'string',
    'The continue token from a previous paginated list call, to fetch the next page.',
  ),
  dryRun: query('dryRun', 'string', 'When present ("All"), modifications are not persisted. All stages are processed.'),
  fieldManager: query(
    'fieldManager',
    'string',
    'A name for the actor making these changes, recorded in managedFields.',
  ),
  fieldSelector: query(
    'fieldSelector',
    'string',
    'Restricts the list of returned objects by their fields. Defaults to everything.',
  ),
  // kubectl --validate=strict reads this parameter on PATCH operations (cli-runtime
  // QueryParamVerifierV3) to decide that the server validates fields itself.
  fieldValidation: query(
    'fieldValidation',
    'string',
    'How the server handles unknown or duplicate fields in the request body: Ignore, Warn (the default) or Strict.',
  ),
  force: query(
    'force',
    'boolean',
    'Force an apply request to take over conflicting fields. Must be unset for non-apply patches.',
  ),
  gracePeriodSeconds: query(
    'gracePeriodSeconds',
    'integer',
    'Seconds before the object is deleted; 0 means delete immediately.',
  ),
  ignoreStoreReadError: query(
    'ignoreStoreReadErrorWithClusterBreakingPotential',
    'boolean',
    'Delete objects that cannot be read from storage (unsafe).',
  ),
  labelSelector: query(
    'labelSelector',
    'string',
    'Restricts the list of returned objects by their labels. Defaults to everything.',
  ),
  limit: query(
    'limit',
    'integer',
    'The maximum number of responses to return for a list call; more come with a continue token.',
  ),
  orphanDependents: query('orphanDependents', 'boolean', 'Deprecated: use propagationPolicy.'),
  propagationPolicy: query(
    'propagationPolicy',
    'string',
    'Whether and how garbage collection is performed: Orphan, Background or Foreground.',
  ),
  resourceVersion: query(
    'resourceVersion',
    'string',
    'Constrains which resource versions a request may be served from.',
  ),
  resourceVersionMatch: query(
    'resourceVersionMatch',
    'string',
    'How resourceVersion is applied to list calls: Exact or NotOlderThan.',
  ),
  sendInitialEvents: query(
    'sendInitialEvents',
    'boolean',
    'With watch=true, begin the stream with synthetic events for the current state.',
  ),
  timeoutSeconds: query('timeoutSeconds', 'integer', 'Timeout for the list/watch call, regardless of activity.'),
  watch: query(
    'watch',
    'boolean',
    'Watch for changes to the described resources and return them as a stream of events.',
  ),
} satisfies Record<string, ParameterSpec>;

export function pathParam(name: 'name' | 'namespace', description: string): ParameterSpec {
  return { name, in: 'path', type: 'string', description, required: true, uniqueItems: true };
}

export const LIST_PARAMS = [
  PARAM.allowWatchBookmarks,
  PARAM.continue,
  PARAM.fieldSelector,
  PARAM.labelSelector,
  PARAM.limit,
  PARAM.resourceVersion,
  PARAM.resourceVersionMatch,
  PARAM.sendInitialEvents,
  PARAM.timeoutSeconds,
  PARAM.watch,
];
export const WRITE_PARAMS = [PARAM.dryRun, PARAM.fieldManager, PARAM.fieldValidation];
export const PATCH_PARAMS = [...WRITE_PARAMS, PARAM.force];
export const DELETE_PARAMS = [
  PARAM.dryRun,
  PARAM.gracePeriodSeconds,
  PARAM.ignoreStoreReadError,
  PARAM.orphanDependents,
  PARAM.propagationPolicy,
];
export const DELETE_COLLECTION_PARAMS = [
  PARAM.continue,
  PARAM.dryRun,
  PARAM.fieldSelector,
  PARAM.gracePeriodSeconds,
  PARAM.ignoreStoreReadError,
  PARAM.labelSelector,
  PARAM.limit,
  PARAM.orphanDependents,
  PARAM.propagationPolicy,
  PARAM.resourceVersion,
  PARAM.resourceVersionMatch,
  PARAM.sendInitialEvents,
  PARAM.timeoutSeconds,
];

export const LOG_PARAMS = [
  query('container', 'string', 'The container for which to stream logs. Defaults to the only container.'),
  query('follow', 'boolean', 'Follow the log stream of the pod.'),
  query('insecureSkipTLSVerifyBackend', 'boolean', 'Skip verifying the serving certificate of the backend.'),
  query('limitBytes', 'integer', 'Bytes to read from the server before terminating the log output.'),
  query('previous', 'boolean', 'Return the logs of the previous terminated container.'),
  query('sinceSeconds', 'integer', 'Only return logs newer than this many seconds.'),
  query('tailLines', 'integer', 'Number of lines from the end of the logs to show.'),
  query('timestamps', 'boolean', 'Prefix every line of log output with an RFC3339 timestamp.'),
];

export const EXEC_PARAMS = [
  query('command', 'string', 'Command is the remote command to execute; argv array.'),
  query('container', 'string', 'Container in which to execute the command.'),
  query('stderr', 'boolean', 'Redirect the standard error stream of the container.'),
  query('stdin', 'boolean', 'Redirect the standard input stream of the container.'),
  query('stdout', 'boolean', 'Redirect the standard output stream of the container.'),
  query('tty', 'boolean', 'Allocate a terminal for this exec call.'),
];

export const PORTFORWARD_PARAMS = [query('ports', 'integer', 'List of ports to forward.')];
