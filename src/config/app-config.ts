import { TensorLimits } from '../common/tensor/limits';

/** Injection token of the validated, frozen AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');

export type LogLevel = 'error' | 'warn' | 'log' | 'debug' | 'verbose';

/** Settings every feature reads, validated once at boot. Units are in the names. */
export interface AppConfig {
  readonly modelRepository: string;
  readonly port: number;
  readonly host: string;
  /** The gRPC server's port on `host`; 0: no gRPC server. */
  readonly grpcPort: number;
  /** The HTTP server under Nest: Express (default) or Fastify. */
  readonly httpAdapter: 'express' | 'fastify';
  readonly maxRequestBytes: number;
  /** Inflated ÷ compressed bytes a request body may reach past its first MiB; 0: unlimited. */
  readonly maxInflateRatio: number;
  /** Inference answers of at least this many bytes are gzip/deflate-compressed on request; 0: all. */
  readonly compressMinBytes: number;
  readonly logLevel: LogLevel;
  /** `auto`: pretty lines when stdout is a terminal, JSON otherwise. */
  readonly logFormat: 'auto' | 'json' | 'pretty';
  readonly shutdownDelaySeconds: number;
  readonly shutdownTimeoutSeconds: number;
  readonly modelControlMode: 'none' | 'poll' | 'explicit';
  readonly repositoryPollSeconds: number;
  /** explicit mode: models to load at start-up; `*` means all. */
  readonly startupModels: readonly string[];
  /** The repository API (load/unload/index) answers: explicit mode or ENABLE_REPOSITORY_API=true. */
  readonly repositoryApiEnabled: boolean;
  readonly adminToken?: string;
  /** Inference API keys (API_KEYS and API_KEYS_FILE); empty means the API is open. */
  readonly apiKeys: readonly string[];
  readonly protectMetrics: boolean;
  /** Failed authentications per client address per minute before 429; 0: unlimited. */
  readonly authFailuresPerMinute: number;
  /** 0: no rate limit. */
  readonly rateLimitRps: number;
  readonly maxInflightPerModel: number;
  /** Session pool threads; 0: availableParallelism(). */
  readonly sessionThreads: number;
  /** Each session thread's JS heap limit in MiB; 0: Node's default. */
  readonly sessionThreadHeapMb: number;
  readonly limits: TensorLimits;
  /** Model residency budget (registry/residency): how many versions and how many bytes stay loaded. */
  readonly modelBudget: ModelBudgetSettings;
  /** Weighted bytes of request bodies read and parsed at once (http/body-budget.ts); 0: unbounded. */
  readonly maxInflightBodyBytes: number;
  readonly httpHeadersTimeoutMs: number;
  readonly httpRequestTimeoutMs: number;
  /** Record Prometheus metrics and serve them at `metricsPath`. */
  readonly metricsEnabled: boolean;
  readonly metricsPath: string;
  /** Serve the OpenAPI document (/openapi.json) and the docs page (/docs). */
  readonly docsEnabled: boolean;
  /** Serve the console (/console) and send browsers there from /. */
  readonly consoleEnabled: boolean;
  /** The model `POST /predict` serves. */
  readonly defaultModel: string;
  /** The response cache (src/cache/). */
  readonly cache: CacheSettings;
}

/** Response cache settings: backend, its bound, and for Redis where it is and how long to wait. */
export interface CacheSettings {
  readonly backend: 'memory' | 'redis' | 'off';
  /** memory: the most bytes held (keys and values); redis: the largest value written. */
  readonly maxBytes: number;
  readonly redisUrl: string;
  /** A Redis command slower than this (ms) is abandoned and the request served by the model. */
  readonly timeoutMs: number;
}

/** MAX_LOADED_MODELS, MODEL_MEMORY_BUDGET_MB (in bytes) and MODEL_LOAD_TIMEOUT_SECONDS (in ms); 0: no limit. */
export interface ModelBudgetSettings {
  readonly maxLoadedModels: number;
  readonly memoryBudgetBytes: number;
  readonly loadTimeoutMs: number;
}
