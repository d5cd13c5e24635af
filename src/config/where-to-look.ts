import { AppConfig } from './app-config';

/**
 * The start-up line that tells a person where to go: the console, the API docs and the OpenAPI
 * document at the bound port, on `localhost` when the server listens on every address. Undefined
 * when both pages are off.
 */
export function whereToLook(config: AppConfig, port: number): string | undefined {
  const wildcard = config.host === '0.0.0.0' || config.host === '::';
  const host = wildcard
    ? 'localhost'
    : config.host.includes(':')
      ? `[${config.host}]`
      : config.host;
  const base = `http://${host}:${port}`;
  const places = [
    config.consoleEnabled ? `console ${base}/console` : undefined,
    config.docsEnabled ? `API docs ${base}/docs (OpenAPI: ${base}/openapi.json)` : undefined,
  ].filter((p) => p !== undefined);
  return places.length === 0 ? undefined : places.join(' · ');
}
