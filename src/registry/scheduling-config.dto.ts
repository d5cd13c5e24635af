import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';

/** `instance_group` entry: how many sessions (worker threads) serve the model. */
export class InstanceGroupDto {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(64)
  count?: number;

  @IsOptional()
  @IsIn(['KIND_CPU', 'KIND_AUTO'])
  kind?: string;
}

/** `dynamic_batching.default_queue_policy`, Triton's names and units. */
export class QueuePolicyDto {
  @IsOptional()
  @IsInt()
  @Min(0)
  max_queue_size?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  default_timeout_microseconds?: number;
}

/** `dynamic_batching`, Triton's names and units. */
export class DynamicBatchingDto {
  @IsOptional()
  @IsArray()
  @IsInt({ each: true })
  @Min(1, { each: true })
  preferred_batch_size?: number[];

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  max_queue_delay_microseconds?: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => QueuePolicyDto)
  default_queue_policy?: QueuePolicyDto;
}
