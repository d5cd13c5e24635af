import { InferenceServerError, PerchClient } from '../../clients/typescript/src/index.js';

const API_KEY = 'perch-api-key';
const ADMIN_TOKEN = 'perch-admin-token';

/**
 * The console's clients. Keys live in sessionStorage (this tab only) and are asked for when the
 * server answers 401 (API key) or when an admin action needs the admin token.
 */
export class Session {
  private client = this.build();

  /** Runs `call`; on a 401 asks for an API key once and runs it again. */
  async call<T>(call: (client: PerchClient) => Promise<T>): Promise<T> {
    try {
      return await call(this.client);
    } catch (e) {
      if (!(e instanceof InferenceServerError) || e.status !== 401) throw e;
      const key = window.prompt('This server needs an API key:');
      if (!key) throw e;
      sessionStorage.setItem(API_KEY, key);
      this.client = this.build();
      return call(this.client);
    }
  }

  /** Runs an admin call with the admin token, asking for it when none is kept or it was refused. */
  async admin<T>(call: (client: PerchClient) => Promise<T>): Promise<T> {
    if (!sessionStorage.getItem(ADMIN_TOKEN)) this.askAdmin();
    try {
      return await call(this.client);
    } catch (e) {
      if (!(e instanceof InferenceServerError) || (e.status !== 401 && e.status !== 403)) throw e;
      if (!this.askAdmin()) throw e;
      return call(this.client);
    }
  }

  private askAdmin(): boolean {
    const token = window.prompt('Admin token (ADMIN_TOKEN) for the repository API:');
    if (!token) return false;
    sessionStorage.setItem(ADMIN_TOKEN, token);
    this.client = this.build();
    return true;
  }

  private build(): PerchClient {
    return new PerchClient({
      baseUrl: location.origin,
      apiKey: sessionStorage.getItem(API_KEY) ?? undefined,
      adminToken: sessionStorage.getItem(ADMIN_TOKEN) ?? undefined,
      timeoutMs: 30_000,
    });
  }
}

/** A message for a person: the server's own for error answers. */
export function describe(e: unknown): string {
  if (e instanceof InferenceServerError) return `${e.status}: ${e.error}`;
  return e instanceof Error ? e.message : String(e);
}

/** GET of one of Perch's own JSON routes (not the protocol's), with the tab's API key. */
export async function perchJson<T>(path: string): Promise<T> {
  const key = sessionStorage.getItem(API_KEY);
  const res = await fetch(path, { headers: key ? { Authorization: `Bearer ${key}` } : {} });
  return (await res.json()) as T;
}
