/** The media types PATCH accepts, as Kubernetes names them (types.PatchType). */
export const PatchContentType = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

export type PatchContentType = (typeof PatchContentType)[keyof typeof PatchContentType];

/** "application/merge-patch+json; charset=utf-8" -> "application/merge-patch+json". */
export function mediaTypeOf(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}
