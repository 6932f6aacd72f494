/** What the shim writes to started.json once the container's process runs. */
export interface StartedRecord {
  pid: number;
  pidStartTime: string;
  startedAt: string;
}

/** What the shim writes to exit.json when the process ends (or could not start). */
export interface ExitRecord {
  exitCode: number;
  finishedAt: string;
  /** Set when the process could not be started at all (ContainerCannotRun). */
  error?: string;
}
