import type { Informer } from '#client';
import type { KubeObject } from '#api';

/** The part of an informer that read-your-writes needs. */
export type CaughtUpInformer = Pick<Informer<KubeObject>, 'type' | 'waitForResourceVersion'>;
