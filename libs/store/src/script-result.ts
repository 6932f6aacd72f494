import { ApiError } from '#api';
import { errorTarget } from './error-target.js';
import type { ScriptReply } from './script-loader.js';

/** Return codes of scripts/*.lua (see each script's header). */
export const ScriptCode = {
  ok: 0,
  notFound: 1,
  alreadyExists: 2,
  resourceVersionConflict: 3,
  uidConflict: 4,
  notExpired: 5,
  unchanged: 6,
  allocationConflict: 7,
} as const;

const MODIFIED = 'the object has been modified; please apply your changes to the latest version and try again';

/**
 * Turns a failed script reply into the ApiError kube-apiserver returns for it. `precondition`
 * selects the delete wording (Kubernetes' storage.Preconditions) over the update one.
 */
export function scriptError(
  reply: ScriptReply,
  resource: string,
  name: string,
  expected: { resourceVersion?: string; uid?: string; precondition: boolean },
): ApiError {
  const target = errorTarget(resource, name);
  switch (reply[0]) {
    case ScriptCode.notFound:
      return ApiError.notFound(target);
    case ScriptCode.alreadyExists:
      return ApiError.alreadyExists(target);
    case ScriptCode.resourceVersionConflict:
      return ApiError.conflict(
        target,
        expected.precondition
          ? `Precondition failed: ResourceVersion in precondition: ${expected.resourceVersion}, ResourceVersion in object meta: ${reply[1]}`
          : MODIFIED,
      );
    case ScriptCode.uidConflict:
      return ApiError.conflict(
        target,
        `Precondition failed: UID in precondition: ${expected.uid}, UID in object meta: ${reply[1]}`,
      );
    default:
      return ApiError.internal(`unexpected store script reply ${JSON.stringify(reply)}`);
  }
}
