import { IsBoolean, IsOptional, IsString } from 'class-validator';
import { Definition, Describe, IsStringMap } from '../decorators/index.js';
import { KubeObjectDto } from '../meta/object-meta.dto.js';

@Definition('io.k8s.api.core.v1.Secret', {
  description: 'Holds secret data such as passwords, tokens or keys.',
  gvk: { group: '', version: 'v1', kind: 'Secret' },
})
export class SecretDto extends KubeObjectDto {
  @IsOptional() @IsBoolean() @Describe('If true, data cannot be changed after creation.') immutable?: boolean;
  @IsOptional() @IsStringMap() @Describe('Secret data; each value base64-encoded.') data?: Record<string, string>;
  @IsOptional() @IsStringMap() @Describe('Write-only plain-text data, merged into data on write.') stringData?: Record<
    string,
    string
  >;
  @IsOptional() @IsString() @Describe('Used to facilitate programmatic handling; defaults to Opaque.') type?: string;
}
