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

  /** Response cache backend for models whose config.json enables response_cache. */
  @IsIn(['memory', 'redis', 'off'])
  CACHE_BACKEND: 'memory' | 'redis' | 'off' = 'memory';

  /** memory: total bytes the cache may hold; redis: the largest single entry written. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  CACHE_MAX_BYTES = 64 * 1024 * 1024;

  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Longest a Redis cache command may take before the request bypasses the cache, in ms. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60_000)
  CACHE_TIMEOUT_MS = 20;

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';
}
