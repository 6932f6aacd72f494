import { IsArray, IsBoolean, IsDefined, IsOptional, IsString } from 'class-validator';
import {
  Definition,
  Describe,
  IsFreeForm,
  IsInt64,
  IsStringMap,
  IsTime,
  Nested,
  PatchTag,
} from '../decorators/index.js';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

@Definition(`${META}.OwnerReference`, {
  description: 'Identifies an owning object; the garbage collector deletes dependents of deleted owners.',
})
export class OwnerReferenceDto {
  @IsDefined() @IsString() apiVersion: string;
  @IsDefined() @IsString() kind: string;
  @IsDefined() @IsString() name: string;
  @IsDefined() @IsString() uid: string;
  @IsOptional()
  @IsBoolean()
  @Describe('If true, this reference points to the managing controller.')
  controller?: boolean;
  @IsOptional() @IsBoolean() blockOwnerDeletion?: boolean;
}

@Definition(`${META}.ManagedFieldsEntry`)
export class ManagedFieldsEntryDto {
  @IsOptional() @IsString() manager?: string;
  @IsOptional() @IsString() operation?: string;
  @IsOptional() @IsString() apiVersion?: string;
  @IsOptional() @IsTime() time?: string;
  @IsOptional() @IsString() fieldsType?: string;
  @IsOptional() @IsFreeForm() fieldsV1?: Record<string, unknown>;
  @IsOptional() @IsString() subresource?: string;
}

@Definition(`${META}.ObjectMeta`, { description: 'Metadata that all persisted resources must have.' })
export class ObjectMetaDto {
  @IsOptional() @IsString() @Describe('Unique name within a namespace; cannot be updated.') name?: string;
  @IsOptional()
  @IsString()
  @Describe('Prefix for a server-generated unique name, used when name is not set.')
  generateName?: string;
  @IsOptional()
  @IsString()
  @Describe('Namespace the object belongs to; empty for cluster-scoped objects.')
  namespace?: string;
  @IsOptional() @IsString() @Describe('Unique identifier set by the server; cannot be updated.') uid?: string;
  @IsOptional() @IsString() @Describe('Opaque version for optimistic concurrency and watch.') resourceVersion?: string;
  @IsOptional()
  @IsInt64()
  @Describe('Sequence number of the desired state, incremented on spec changes.')
  generation?: number;
  @IsOptional() @IsTime() creationTimestamp?: string;
  @IsOptional() @IsTime() deletionTimestamp?: string;
  @IsOptional() @IsInt64() deletionGracePeriodSeconds?: number;
  @IsOptional() @IsStringMap() @Describe('Key/value pairs used to organize and select objects.') labels?: Record<
    string,
    string
  >;
  @IsOptional()
  @IsStringMap()
  @Describe('Unstructured key/value data for tools; not used for selection.')
  annotations?: Record<string, string>;
  @IsOptional()
  @Nested(() => OwnerReferenceDto, { list: true })
  @PatchTag('merge', 'uid')
  ownerReferences?: OwnerReferenceDto[];
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @PatchTag('merge')
  @Describe('Conditions that must be cleared before the object is deleted.')
  finalizers?: string[];
  @IsOptional() @Nested(() => ManagedFieldsEntryDto, { list: true }) managedFields?: ManagedFieldsEntryDto[];
}

@Definition(`${META}.ListMeta`)
export class ListMetaDto {
  @IsOptional() @IsString() resourceVersion?: string;
  @IsOptional() @IsString() continue?: string;
  @IsOptional() @IsInt64() remainingItemCount?: number;
}

/** apiVersion, kind and metadata: the envelope every top-level kind shares. */
export abstract class KubeObjectDto {
  @IsOptional() @IsString() @Describe('Versioned schema of this representation of an object.') apiVersion?: string;
  @IsOptional() @IsString() @Describe('REST resource this object represents.') kind?: string;
  @IsOptional() @Nested(() => ObjectMetaDto) @Describe("Standard object's metadata.") metadata: ObjectMetaDto;
}
