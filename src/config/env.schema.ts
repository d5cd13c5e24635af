import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { MODEL_NAME_PATTERN } from '../common/model-name';

/**
 * Every environment variable Perch reads, with its default. The README's configuration table
 * lists the same names; change both together.
 */
export class EnvSchema {
  @IsString()
  @MinLength(1)
  MODEL_REPOSITORY = './models';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 8080;

  @IsString()
  @MinLength(1)
  HOST = '0.0.0.0';

  /** Largest request body accepted, in bytes (Triton's default: 64 MiB). */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  MAX_REQUEST_BYTES = 64 * 1024 * 1024;

  /** The model `POST /predict` (without a model name) answers with. */
  @Matches(MODEL_NAME_PATTERN, { message: 'DEFAULT_MODEL must be a valid model name' })
  DEFAULT_MODEL = 'langid';

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';
}
