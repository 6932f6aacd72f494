import { IsBoolean, IsDefined, IsIn, IsOptional, IsString } from 'class-validator';
import { IsQuantity } from '../../quantity/is-quantity.js';
import { Definition, Describe, IsFreeForm, IsInt32, Nested } from '../decorators/index.js';

const CORE = 'io.k8s.api.core.v1';

@Definition(`${CORE}.KeyToPath`)
export class KeyToPathDto {
  @IsDefined() @IsString() key: string;
  @IsDefined() @IsString() path: string;
  @IsOptional() @IsInt32() mode?: number;
}

@Definition(`${CORE}.EmptyDirVolumeSource`)
export class EmptyDirVolumeSourceDto {
  @IsOptional() @IsIn(['', 'Memory']) medium?: string;
  @IsOptional() @IsQuantity() sizeLimit?: string | number;
}

@Definition(`${CORE}.HostPathVolumeSource`)
export class HostPathVolumeSourceDto {
  @IsDefined() @IsString() path: string;
  @IsOptional()
  @IsIn(['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'])
  type?: string;
}

/** Items, defaultMode and optional, which configMap and secret volumes share. */
abstract class ProjectedKeysBaseDto {
  @IsOptional() @Nested(() => KeyToPathDto, { list: true }) items?: KeyToPathDto[];
  @IsOptional() @IsInt32() defaultMode?: number;
  @IsOptional() @IsBoolean() optional?: boolean;
}

@Definition(`${CORE}.ConfigMapVolumeSource`)
export class ConfigMapVolumeSourceDto extends ProjectedKeysBaseDto {
  @IsOptional() @IsString() name?: string;
}

@Definition(`${CORE}.SecretVolumeSource`)
export class SecretVolumeSourceDto extends ProjectedKeysBaseDto {
  @IsOptional() @IsString() secretName?: string;
}

@Definition(`${CORE}.PersistentVolumeClaimVolumeSource`)
export class PersistentVolumeClaimVolumeSourceDto {
  @IsDefined() @IsString() claimName: string;
  @IsOptional() @IsBoolean() readOnly?: boolean;
}

/** Volume sources kubenest accepts and stores but does not interpret field by field. */
export const LOOSE_VOLUME_SOURCES = [
  'downwardAPI',
  'projected',
  'nfs',
  'csi',
  'ephemeral',
  'image',
  'iscsi',
  'glusterfs',
  'rbd',
  'cephfs',
  'awsElasticBlockStore',
  'gcePersistentDisk',
  'azureDisk',
  'azureFile',
  'gitRepo',
  'fc',
  'flexVolume',
] as const;

@Definition(`${CORE}.Volume`, { description: 'A named volume in a pod that containers may mount; exactly one source.' })
export class VolumeDto {
  @IsDefined() @IsString() @Describe('Volume name (DNS label), unique within the pod.') name: string;
  @IsOptional() @Nested(() => EmptyDirVolumeSourceDto) emptyDir?: EmptyDirVolumeSourceDto;
  @IsOptional() @Nested(() => HostPathVolumeSourceDto) hostPath?: HostPathVolumeSourceDto;
  @IsOptional() @Nested(() => ConfigMapVolumeSourceDto) configMap?: ConfigMapVolumeSourceDto;
  @IsOptional() @Nested(() => SecretVolumeSourceDto) secret?: SecretVolumeSourceDto;
  @IsOptional()
  @Nested(() => PersistentVolumeClaimVolumeSourceDto)
  persistentVolumeClaim?: PersistentVolumeClaimVolumeSourceDto;
  @IsOptional() @IsFreeForm() downwardAPI?: Record<string, unknown>;
  @IsOptional() @IsFreeForm() projected?: Record<string, unknown>;
  @IsOptional() @IsFreeForm() nfs?: Record<string, unknown>;
  @IsOptional() @IsFreeForm() csi?: Record<string, unknown>;
  @IsOptional() @IsFreeForm() ephemeral?: Record<string, unknown>;
  @IsOptional() @IsFreeForm() image?: Record<string, unknown>;
  @IsOptional() @IsFreeForm() iscsi?: Record<string, unknown>;
  @IsOptional() @IsFreeForm() glusterfs?: Record<string, unknown>;
  @IsOptional() @IsFreeForm() rbd?: Record<string, unknown>;
  @IsOptional() @IsFreeForm() cephfs?: Record<string, unknown>;
  @IsOptional() @IsFreeForm() awsElasticBlockStore?: Record<string, unknown>;
  @IsOptional() @IsFreeForm() gcePersistentDisk?: Record<string, unknown>;
  @IsOptional() @IsFreeForm() azureDisk?: Record<string, unknown>;
  @IsOptional() @IsFreeForm() azureFile?: Record<string, unknown>;
  @IsOptional() @IsFreeForm() gitRepo?: Record<string, unknown>;
  @IsOptional() @IsFreeForm() fc?: Record<string, unknown>;
  @IsOptional() @IsFreeForm() flexVolume?: Record<string, unknown>;
}

/** Every field of VolumeDto that names a volume source. */
export const VOLUME_SOURCES = [
  'emptyDir',
  'hostPath',
  'configMap',
  'secret',
  'persistentVolumeClaim',
  ...LOOSE_VOLUME_SOURCES,
] as const;
