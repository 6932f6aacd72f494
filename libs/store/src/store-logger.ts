/** The slice of a pino logger the store uses, so callers pass their own. */
export interface StoreLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
