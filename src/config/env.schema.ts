import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { MODEL_NAME_PATTERN } from '../common/model-name';
import { defaultInflightBodyBytes } from './memory-defaults';

/**
 * Every environment variable Perch reads, with its default. The configuration table in
 * docs/configuration.md lists the same names; change both together.
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

  /** The gRPC port (Open Inference Protocol over gRPC, grpc.health.v1), on HOST; 0 turns gRPC off. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  GRPC_PORT = 8081;

  @IsIn(['express', 'fastify'])
  HTTP_ADAPTER: 'express' | 'fastify' = 'express';

  /** Largest request body accepted, in bytes (Triton's default: 64 MiB). */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  MAX_REQUEST_BYTES = 64 * 1024 * 1024;

  /**
   * A compressed body may inflate to at most this many times its compressed size once it passes
   * 1 MiB (a "bomb" is refused after inflating 1 MiB, not 64); 0: no ratio limit.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  MAX_INFLATE_RATIO = 100;

  /**
   * Inference answers at least this large are compressed when the client accepts it; 0 (the
   * default): every answer the client asks to have compressed, as Triton does.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  COMPRESS_MIN_BYTES = 0;

  /** After SIGTERM: seconds to keep serving with readiness false, so load balancers stop routing. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300)
  SHUTDOWN_DELAY_SECONDS = 5;

  /** After the delay: seconds to let in-flight and queued requests finish before exiting anyway. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  SHUTDOWN_TIMEOUT_SECONDS = 30;

  /** Triton's model control modes: load all and never change, watch the repository, or API only. */
  @IsIn(['none', 'poll', 'explicit'])
  MODEL_CONTROL_MODE: 'none' | 'poll' | 'explicit' = 'none';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  REPOSITORY_POLL_SECONDS = 5;

  /** explicit mode: comma-separated model names to load at start-up, or `*` for all. */
  @IsString()
  STARTUP_MODELS = '';

  @IsIn(['true', 'false'])
  ENABLE_REPOSITORY_API: 'true' | 'false' = 'false';

  /** When set, the repository API requires `Authorization: Bearer <ADMIN_TOKEN>`. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'ADMIN_TOKEN must be at least 16 characters' })
  ADMIN_TOKEN?: string;

  /** Comma-separated inference API keys; when set, every inference and metadata route needs one. */
  @IsOptional()
  @IsString()
  API_KEYS?: string;

  /** A file with one API key per line (a mounted Kubernetes Secret); joins API_KEYS. */
  @IsOptional()
  @IsString()
  API_KEYS_FILE?: string;

  /** `true`: the metrics endpoint needs an API key (probes never do); `auto`: when API_KEYS is set. */
  @IsIn(['auto', 'true', 'false'])
  PROTECT_METRICS: 'auto' | 'true' | 'false' = 'auto';

  /** Failed authentications one client address may make per minute before it gets 429; 0: no limit. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  AUTH_FAILURES_PER_MINUTE = 30;

  /** Requests per second per client (API key, else address); 0 turns the limit off. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  RATE_LIMIT_RPS = 0;

  /** Requests one model version may hold at once (running and queued); more are refused with 429. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  MAX_INFLIGHT_PER_MODEL = 512;

  /** Threads of the session pool every model shares; 0: one per core the process may use. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(256)
  SESSION_THREADS = 0;

  /**
   * JS heap limit of each session thread, in MiB (0: Node's default). A request that outgrows it
   * ends that thread only; it is restarted with its models.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  SESSION_THREAD_HEAP_MB = 0;

  /**
   * Model versions resident (loaded) at once; the rest stay registered and load on their first
   * request, evicting the least recently used idle version. 0: no limit (everything loads at start).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  MAX_LOADED_MODELS = 0;

  /** Measured footprint (MiB) resident model versions may hold together; 0: no limit. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  MODEL_MEMORY_BUDGET_MB = 0;

  /** Longest a request waits for its cold model to load, in seconds (503 past it; the load goes on). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  MODEL_LOAD_TIMEOUT_SECONDS = 60;

  /**
   * Weighted bytes of request bodies being read and parsed at once (JSON counts JSON_PARSE_WEIGHT
   * times its size); past it new requests get 503 with Retry-After before their body is read.
   * Default: a quarter of the memory limit (cgroup, else RAM). 0: no budget.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  MAX_INFLIGHT_BODY_BYTES = defaultInflightBodyBytes();

  /** Elements one input tensor may hold. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  MAX_TENSOR_ELEMENTS = 16 * 1024 * 1024;

  /** Elements all inputs of one request may hold together. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  MAX_REQUEST_ELEMENTS = 32 * 1024 * 1024;

  /** Bytes one BYTES element may hold. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  MAX_BYTES_ELEMENT_LENGTH = 1024 * 1024;

  /** Bytes all BYTES elements of one request may hold together (each string model run is bounded). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  MAX_REQUEST_STRING_BYTES = 4 * 1024 * 1024;

  /** Slow clients: time to receive all request headers, and the whole request, in ms. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  HTTP_HEADERS_TIMEOUT_MS = 10_000;

  @Type(() => Number)
  @IsInt()
  @Min(1000)
  HTTP_REQUEST_TIMEOUT_MS = 60_000;
  /** The model `POST /predict` (without a model name) answers with. */
  @Matches(MODEL_NAME_PATTERN, { message: 'DEFAULT_MODEL must be a valid model name' })
  DEFAULT_MODEL = 'langid';
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

  /** JSON lines, pretty single lines, or auto: pretty when stdout is a terminal, else JSON. */
  @IsIn(['auto', 'json', 'pretty'])
  LOG_FORMAT: 'auto' | 'json' | 'pretty' = 'auto';

  /** Records Prometheus metrics and serves them at METRICS_PATH; false does neither. */
  @IsIn(['true', 'false'])
  METRICS_ENABLED: 'true' | 'false' = 'true';

  /** Kept out of the protocol, probe and docs paths, so it can never shadow a route. */
  @Matches(
    /^\/(?!(v1|v2|health|predict|docs|console|openapi\.json)(\/|$))[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/,
    {
      message:
        'METRICS_PATH must be an absolute path such as /metrics, outside /v1, /v2, /health, /predict, /docs, /console and /openapi.json',
    },
  )
  METRICS_PATH = '/metrics';

  /** The OpenAPI document at /openapi.json and its Swagger UI page at /docs. */
  @IsIn(['true', 'false'])
  DOCS_ENABLED: 'true' | 'false' = 'true';

  /** The console page at /console, where GET / sends a browser. */
  @IsIn(['true', 'false'])
  CONSOLE_ENABLED: 'true' | 'false' = 'true';
}
