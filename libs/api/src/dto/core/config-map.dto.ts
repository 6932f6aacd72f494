import { IsBoolean, IsOptional } from 'class-validator';
import { Definition, Describe, IsStringMap } from '../decorators/index.js';
import { KubeObjectDto } from '../meta/object-meta.dto.js';

@Definition('io.k8s.api.core.v1.ConfigMap', {
  description: 'Configuration data for pods to consume.',
  gvk: { group: '', version: 'v1', kind: 'ConfigMap' },
})
export class ConfigMapDto extends KubeObjectDto {
  @IsOptional() @IsBoolean() @Describe('If true, data cannot be changed after creation.') immutable?: boolean;
  @IsOptional() @IsStringMap() @Describe('UTF-8 configuration data.') data?: Record<string, string>;
  @IsOptional() @IsStringMap() @Describe('Binary configuration data, base64-encoded.') binaryData?: Record<
    string,
    string
  >;
}
