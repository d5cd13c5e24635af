import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_VERSION } from '../common/model-name';
import { CONFIG_DATA_TYPES } from '../common/tensor/datatype';
import { IsTensorDims } from './is-tensor-dims.decorator';
import { DynamicBatchingDto, InstanceGroupDto } from './scheduling-config.dto';

/** One entry of config.json `input` / `output`, with Triton's field names. */
export class TensorConfigDto {
  @IsString()
  @Matches(/^\S+$/, { message: 'name must be a non-empty string without spaces' })
  name!: string;

  @IsOptional()
  @IsIn(CONFIG_DATA_TYPES)
  data_type?: string;

  @IsOptional()
  @IsTensorDims()
  dims?: number[];

  /** Outputs only: a file beside config.json naming each class of the output, one per line. */
  @IsOptional()
  @IsString()
  @Matches(/^[^\0]{1,255}$/, {
    message: 'label_filename must be a file name of 1 to 255 characters',
  })
  label_filename?: string;
}

export class LatestPolicyDto {
  @IsInt()
  @Min(1)
  num_versions!: number;
}

export class SpecificPolicyDto {
  @IsArray()
  @IsInt({ each: true })
  @Min(1, { each: true })
  // JSON numbers past 2^53 − 1 are rounded: 9007199254740993 would name version 9007199254740992.
  @Max(MAX_VERSION, { each: true, message: `versions must each be at most ${MAX_VERSION}` })
  versions!: number[];
}

/** Exactly one of the three keys, as in Triton's ModelVersionPolicy. */
export class VersionPolicyDto {
  @IsOptional()
  @ValidateNested()
  @Type(() => LatestPolicyDto)
  latest?: LatestPolicyDto;

  @IsOptional()
  @IsObject()
  all?: Record<string, never>;

  @IsOptional()
  @ValidateNested()
  @Type(() => SpecificPolicyDto)
  specific?: SpecificPolicyDto;
}

/** `response_cache`, Triton's name: `{"enable": true}` lets the response cache answer for the model. */
export class ResponseCacheDto {
  @IsBoolean()
  enable!: boolean;
}

/**
 * config.json as the data team writes it: the subset of Triton's ModelConfig that Perch acts on.
 * Unknown keys are refused, so a typo or a feature Perch does not have fails the load loudly.
 */
export class ModelConfigDto {
  @IsOptional()
  @IsString()
  name?: string;

  @IsOptional()
  @IsIn(['onnxruntime_onnx'])
  platform?: string;

  /** `typescript`: served by the version's model.ts / model.js (docs/handlers.md). */
  @IsOptional()
  @IsIn(['onnxruntime', 'typescript'])
  backend?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  max_batch_size?: number;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TensorConfigDto)
  input?: TensorConfigDto[];

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TensorConfigDto)
  output?: TensorConfigDto[];

  @IsOptional()
  @ValidateNested()
  @Type(() => VersionPolicyDto)
  version_policy?: VersionPolicyDto;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => InstanceGroupDto)
  instance_group?: InstanceGroupDto[];

  @IsOptional()
  @ValidateNested()
  @Type(() => DynamicBatchingDto)
  dynamic_batching?: DynamicBatchingDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => ResponseCacheDto)
  response_cache?: ResponseCacheDto;

  /** Triton writes `{"key": {"string_value": "v"}}`; plain `{"key": "v"}` is accepted too. */
  @IsOptional()
  @IsObject()
  parameters?: Record<string, unknown>;
}
