import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

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

  @IsIn(['express', 'fastify'])
  HTTP_ADAPTER: 'express' | 'fastify' = 'express';

  /** Largest request body accepted, in bytes (Triton's default: 64 MiB). */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  MAX_REQUEST_BYTES = 64 * 1024 * 1024;

  /** Inference answers at least this large are compressed when the client accepts it; 0: never. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  COMPRESS_MIN_BYTES = 1024;

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  /** Records Prometheus metrics and serves them at METRICS_PATH; false does neither. */
  @IsIn(['true', 'false'])
  METRICS_ENABLED: 'true' | 'false' = 'true';

  /** Kept out of the protocol and probe paths, so it can never shadow a route. */
  @Matches(/^\/(?!(v1|v2|health)(\/|$))[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/, {
    message: 'METRICS_PATH must be an absolute path such as /metrics, outside /v1, /v2 and /health',
  })
  METRICS_PATH = '/metrics';
}
