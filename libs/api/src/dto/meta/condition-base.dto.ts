import { IsDefined, IsIn, IsOptional, IsString } from 'class-validator';
import { IsTime } from '../decorators/index.js';

/** Fields every Kubernetes condition type shares; each kind's condition adds its own timestamps. */
export abstract class ConditionBaseDto {
  @IsDefined() @IsString() type: string;
  @IsDefined() @IsIn(['True', 'False', 'Unknown']) status: string;
  @IsOptional() @IsTime() lastTransitionTime?: string;
  @IsOptional() @IsString() reason?: string;
  @IsOptional() @IsString() message?: string;
}
