import { IsBoolean, IsDefined, IsOptional, IsString } from 'class-validator';
import { IsQuantity } from '../../quantity/is-quantity.js';
import { Definition, Describe, Nested } from '../decorators/index.js';

const CORE = 'io.k8s.api.core.v1';

@Definition(`${CORE}.ObjectFieldSelector`)
export class ObjectFieldSelectorDto {
  @IsOptional() @IsString() apiVersion?: string;
  @IsDefined()
  @IsString()
  @Describe('Path of the field to select, e.g. metadata.name or status.podIP.')
  fieldPath: string;
}

@Definition(`${CORE}.ResourceFieldSelector`)
export class ResourceFieldSelectorDto {
  @IsOptional() @IsString() containerName?: string;
  @IsDefined() @IsString() resource: string;
  @IsOptional() @IsQuantity() divisor?: string | number;
}

/** Shared by configMapKeyRef and secretKeyRef, which Kubernetes declares alike. */
abstract class KeySelectorBaseDto {
  @IsOptional() @IsString() name?: string;
  @IsDefined() @IsString() key: string;
  @IsOptional() @IsBoolean() optional?: boolean;
}

@Definition(`${CORE}.ConfigMapKeySelector`)
export class ConfigMapKeySelectorDto extends KeySelectorBaseDto {}

@Definition(`${CORE}.SecretKeySelector`)
export class SecretKeySelectorDto extends KeySelectorBaseDto {}

@Definition(`${CORE}.EnvVarSource`)
export class EnvVarSourceDto {
  @IsOptional() @Nested(() => ObjectFieldSelectorDto) fieldRef?: ObjectFieldSelectorDto;
  @IsOptional() @Nested(() => ResourceFieldSelectorDto) resourceFieldRef?: ResourceFieldSelectorDto;
  @IsOptional() @Nested(() => ConfigMapKeySelectorDto) configMapKeyRef?: ConfigMapKeySelectorDto;
  @IsOptional() @Nested(() => SecretKeySelectorDto) secretKeyRef?: SecretKeySelectorDto;
}

@Definition(`${CORE}.EnvVar`)
export class EnvVarDto {
  @IsDefined() @IsString() name: string;
  @IsOptional() @IsString() value?: string;
  @IsOptional() @Nested(() => EnvVarSourceDto) valueFrom?: EnvVarSourceDto;
}

abstract class EnvSourceBaseDto {
  @IsOptional() @IsString() name?: string;
  @IsOptional() @IsBoolean() optional?: boolean;
}

@Definition(`${CORE}.ConfigMapEnvSource`)
export class ConfigMapEnvSourceDto extends EnvSourceBaseDto {}

@Definition(`${CORE}.SecretEnvSource`)
export class SecretEnvSourceDto extends EnvSourceBaseDto {}

@Definition(`${CORE}.EnvFromSource`)
export class EnvFromSourceDto {
  @IsOptional() @IsString() prefix?: string;
  @IsOptional() @Nested(() => ConfigMapEnvSourceDto) configMapRef?: ConfigMapEnvSourceDto;
  @IsOptional() @Nested(() => SecretEnvSourceDto) secretRef?: SecretEnvSourceDto;
}
