/** How ProcessRuntime tells its shim what to run. */
export interface ShimSpec {
  dir: string;
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  logPath: string;
}
