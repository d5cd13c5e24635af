import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DATA_TYPES } from '../../../common/tensor/datatype';
import { IsTensorShape } from './is-tensor-shape.decorator';

/** `$request_input` of the Open Inference Protocol. `data` is checked by the codec, not here. */
export class RequestInputDto {
  @IsString()
  @MinLength(1)
  name!: string;

  @IsTensorShape()
  shape!: number[];

  @IsIn(DATA_TYPES)
  datatype!: string;

  @IsOptional()
  @IsObject()
  parameters?: Record<string, unknown>;

  /** The codec swaps the real data for `true` before validation, so only presence is checked. */
  @IsDefined({ message: 'data is required' })
  @IsBoolean()
  data!: boolean;
}

/** `$request_output`. */
export class RequestOutputDto {
  @IsString()
  @MinLength(1)
  name!: string;

  @IsOptional()
  @IsObject()
  parameters?: Record<string, unknown>;
}

/**
 * `$inference_request`. Unknown request `parameters` are accepted and ignored, as the spec allows.
 * `model_name` and `model_version` are not in the spec's request, but the KServe SDK's REST client
 * sends them; they are checked against the path (v2-model-target.ts).
 */
export class InferRequestDto {
  @IsOptional()
  @IsString()
  id?: string;

  @IsOptional()
  @IsString()
  model_name?: string;

  @IsOptional()
  @IsString()
  model_version?: string;

  @IsOptional()
  @IsObject()
  parameters?: Record<string, unknown>;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RequestInputDto)
  inputs!: RequestInputDto[];

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RequestOutputDto)
  outputs?: RequestOutputDto[];
}
