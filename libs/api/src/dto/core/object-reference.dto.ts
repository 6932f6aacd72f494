import { IsOptional, IsString } from 'class-validator';
import { Definition } from '../decorators/index.js';

@Definition('io.k8s.api.core.v1.ObjectReference', {
  description: 'A reference to an object, with enough to look it up.',
})
export class ObjectReferenceDto {
  @IsOptional() @IsString() kind?: string;
  @IsOptional() @IsString() namespace?: string;
  @IsOptional() @IsString() name?: string;
  @IsOptional() @IsString() uid?: string;
  @IsOptional() @IsString() apiVersion?: string;
  @IsOptional() @IsString() resourceVersion?: string;
  @IsOptional() @IsString() fieldPath?: string;
}

@Definition('io.k8s.api.core.v1.LocalObjectReference')
export class LocalObjectReferenceDto {
  @IsOptional() @IsString() name?: string;
}
