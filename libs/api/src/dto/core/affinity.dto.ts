import { IsArray, IsDefined, IsIn, IsOptional, IsString } from 'class-validator';
import { Definition, Describe, IsFreeForm, IsInt32, Nested } from '../decorators/index.js';

const CORE = 'io.k8s.api.core.v1';
export const NODE_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] as const;

@Definition(`${CORE}.NodeSelectorRequirement`)
export class NodeSelectorRequirementDto {
  @IsDefined() @IsString() key: string;
  @IsDefined() @IsIn(NODE_SELECTOR_OPERATORS) operator: string;
  @IsOptional() @IsArray() @IsString({ each: true }) values?: string[];
}

@Definition(`${CORE}.NodeSelectorTerm`)
export class NodeSelectorTermDto {
  @IsOptional()
  @Nested(() => NodeSelectorRequirementDto, { list: true })
  matchExpressions?: NodeSelectorRequirementDto[];
  @IsOptional() @Nested(() => NodeSelectorRequirementDto, { list: true }) matchFields?: NodeSelectorRequirementDto[];
}

@Definition(`${CORE}.NodeSelector`)
export class NodeSelectorDto {
  @IsDefined()
  @Nested(() => NodeSelectorTermDto, { list: true })
  @Describe('ORed list of node selector terms.')
  nodeSelectorTerms: NodeSelectorTermDto[];
}

@Definition(`${CORE}.PreferredSchedulingTerm`)
export class PreferredSchedulingTermDto {
  @IsDefined() @IsInt32() @Describe('Weight 1-100 added to a node matching the preference.') weight: number;
  @IsDefined() @Nested(() => NodeSelectorTermDto) preference: NodeSelectorTermDto;
}

@Definition(`${CORE}.NodeAffinity`)
export class NodeAffinityDto {
  @IsOptional() @Nested(() => NodeSelectorDto) requiredDuringSchedulingIgnoredDuringExecution?: NodeSelectorDto;
  @IsOptional()
  @Nested(() => PreferredSchedulingTermDto, { list: true })
  preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTermDto[];
}

@Definition(`${CORE}.Affinity`, {
  description: 'Scheduling constraints: node affinity, pod affinity and anti-affinity.',
})
export class AffinityDto {
  @IsOptional() @Nested(() => NodeAffinityDto) nodeAffinity?: NodeAffinityDto;
  @IsOptional() @IsFreeForm() podAffinity?: Record<string, unknown>;
  @IsOptional() @IsFreeForm() podAntiAffinity?: Record<string, unknown>;
}
