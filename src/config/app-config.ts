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
  /** Record Prometheus metrics and serve them at `metricsPath`. */
  readonly metricsEnabled: boolean;
  readonly metricsPath: string;
}
