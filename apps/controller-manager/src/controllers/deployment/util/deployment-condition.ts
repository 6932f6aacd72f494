import type { DeploymentStatus } from '#api';

export type DeploymentCondition = NonNullable<DeploymentStatus['conditions']>[number];
