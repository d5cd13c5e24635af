/** Injection token of the validated, frozen AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');

export type LogLevel = 'error' | 'warn' | 'log' | 'debug' | 'verbose';

/** Settings every feature reads, validated once at boot. Units are in the names. */
export interface AppConfig {
  readonly modelRepository: string;
  readonly port: number;
  readonly host: string;
  /** The HTTP server under Nest: Express (default) or Fastify. */
  readonly httpAdapter: 'express' | 'fastify';
  readonly maxRequestBytes: number;
  /** Inference answers of at least this many bytes are gzip/deflate-compressed on request; 0: off. */
  readonly compressMinBytes: number;
  readonly logLevel: LogLevel;
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
