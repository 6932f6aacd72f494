import { IsArray, IsIn, IsOptional, IsString } from 'class-validator';
import { Definition, Describe, Nested, PatchTag } from '../decorators/index.js';
import { ConditionBaseDto } from '../meta/condition-base.dto.js';
import { KubeObjectDto } from '../meta/object-meta.dto.js';

const CORE = 'io.k8s.api.core.v1';

@Definition(`${CORE}.NamespaceSpec`)
export class NamespaceSpecDto {
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @Describe('Must be empty before the namespace is removed.')
  finalizers?: string[];
}

@Definition(`${CORE}.NamespaceCondition`)
export class NamespaceConditionDto extends ConditionBaseDto {}

@Definition(`${CORE}.NamespaceStatus`)
export class NamespaceStatusDto {
  @IsOptional() @IsIn(['Active', 'Terminating']) phase?: string;
  @IsOptional()
  @Nested(() => NamespaceConditionDto, { list: true })
  @PatchTag('merge', 'type')
  conditions?: NamespaceConditionDto[];
}

@Definition(`${CORE}.Namespace`, {
  description: 'A scope for names; most namespaced objects live in exactly one namespace.',
  gvk: { group: '', version: 'v1', kind: 'Namespace' },
})
export class NamespaceDto extends KubeObjectDto {
  @IsOptional() @Nested(() => NamespaceSpecDto) spec?: NamespaceSpecDto;
  @IsOptional() @Nested(() => NamespaceStatusDto) status?: NamespaceStatusDto;
}
