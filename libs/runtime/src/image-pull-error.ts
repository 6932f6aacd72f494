/** The kubelet's image failure reasons, shown as a waiting container's reason. */
export type ImagePullReason = 'ErrImagePull' | 'ErrImageNeverPull' | 'InvalidImageName';

/** Thrown by ContainerRuntime.ensureImage; `message` carries the runtime's own words. */
export class ImagePullError extends Error {
  override readonly name = 'ImagePullError';

  constructor(
    readonly reason: ImagePullReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
