import { IsArray, IsBoolean, IsOptional, IsString } from 'class-validator';
import { Definition, Describe, Nested } from '../decorators/index.js';
import { KubeObjectDto } from '../meta/object-meta.dto.js';

@Definition('io.k8s.api.authentication.v1.TokenReviewSpec')
export class TokenReviewSpecDto {
  @IsOptional() @IsString() @Describe('The opaque bearer token to check.') token?: string;
  @IsOptional() @IsArray() @IsString({ each: true }) audiences?: string[];
}

@Definition('io.k8s.api.authentication.v1.UserInfo')
export class TokenReviewUserDto {
  @IsOptional() @IsString() username?: string;
  @IsOptional() @IsString() uid?: string;
  @IsOptional() @IsArray() @IsString({ each: true }) groups?: string[];
}

@Definition('io.k8s.api.authentication.v1.TokenReviewStatus')
export class TokenReviewStatusDto {
  @IsOptional() @IsBoolean() authenticated?: boolean;
  @IsOptional() @Nested(() => TokenReviewUserDto) user?: TokenReviewUserDto;
  @IsOptional() @IsArray() @IsString({ each: true }) audiences?: string[];
  @IsOptional() @IsString() error?: string;
}

@Definition('io.k8s.api.authentication.v1.TokenReview', {
  description: 'Asks whether a bearer token is valid and whose it is; nothing is stored.',
  gvk: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenReview' },
})
export class TokenReviewDto extends KubeObjectDto {
  @IsOptional() @Nested(() => TokenReviewSpecDto) spec?: TokenReviewSpecDto;
  @IsOptional() @Nested(() => TokenReviewStatusDto) status?: TokenReviewStatusDto;
}
