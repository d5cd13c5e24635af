/** Injection token of the validated, frozen AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');

export type LogLevel = 'error' | 'warn' | 'log' | 'debug' | 'verbose';

/** Settings every feature reads, validated once at boot. Units are in the names. */
export interface AppConfig {
  readonly modelRepository: string;
  readonly port: number;
  readonly host: string;
  readonly maxRequestBytes: number;
  readonly logLevel: LogLevel;
  /** The model `POST /predict` serves. */
  readonly defaultModel: string;
}
