import { IsDefined, IsIn, IsOptional, IsString } from 'class-validator';
import { Definition, Describe, IsInt64, IsTime } from '../decorators/index.js';

export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

@Definition('io.k8s.api.core.v1.Taint', { description: 'Repels pods that do not tolerate it from a node.' })
export class TaintDto {
  @IsDefined() @IsString() key: string;
  @IsOptional() @IsString() value?: string;
  @IsDefined() @IsIn(TAINT_EFFECTS) effect: string;
  @IsOptional() @IsTime() timeAdded?: string;
}

@Definition('io.k8s.api.core.v1.Toleration', {
  description: 'Lets a pod be scheduled onto nodes with a matching taint.',
})
export class TolerationDto {
  @IsOptional() @IsString() key?: string;
  @IsOptional() @IsIn(['Exists', 'Equal']) @Describe('Exists or Equal. Defaults to Equal.') operator?: string;
  @IsOptional() @IsString() value?: string;
  @IsOptional() @IsIn(TAINT_EFFECTS) effect?: string;
  @IsOptional() @IsInt64() tolerationSeconds?: number;
}
