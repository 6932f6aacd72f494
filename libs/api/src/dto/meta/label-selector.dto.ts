import { IsArray, IsDefined, IsIn, IsOptional, IsString } from 'class-validator';
import { Definition, IsStringMap, Nested } from '../decorators/index.js';

export const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

@Definition('io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement')
export class LabelSelectorRequirementDto {
  @IsDefined() @IsString() key: string;
  @IsDefined() @IsIn(SELECTOR_OPERATORS) operator: string;
  @IsOptional() @IsArray() @IsString({ each: true }) values?: string[];
}

@Definition('io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector', {
  description: 'A label query over a set of resources; matchLabels and matchExpressions are ANDed.',
})
export class LabelSelectorDto {
  @IsOptional() @IsStringMap() matchLabels?: Record<string, string>;
  @IsOptional()
  @Nested(() => LabelSelectorRequirementDto, { list: true })
  matchExpressions?: LabelSelectorRequirementDto[];
}
