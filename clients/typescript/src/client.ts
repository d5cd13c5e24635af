import { decodeInferResponse, encodeInferRequest, HEADER_LENGTH } from './infer-codec.js';
import { CallOptions, exchange, Exchange, json, TransportSettings } from './transport.js';
import type {
  InferRequest,
  InferResponse,
  ModelMetadata,
  RepositoryIndexEntry,
  ServerMetadata,
  StatisticsResponse,
  V1PredictResponse,
} from './types.js';

/** How a client reaches its server. */
export interface ClientOptions {
  /** The server's base URL, e.g. `http://localhost:8080` (no trailing slash needed). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>` on every call but the repository API's. */
  apiKey?: string;
  /** Sent as `Authorization: Bearer <adminToken>` on repository API calls. */
  adminToken?: string;
  /** Default timeout of every call in ms; 0: none. Default 30 000. */
  timeoutMs?: number;
  /** Headers sent with every call. */
  headers?: Record<string, string>;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
}

/** Options of an inference call. */
export interface InferOptions extends CallOptions {
  /** The model version; default: the one the server picks. */
  version?: string;
  /**
   * Triton's binary tensor data extension: `true` sends inputs and asks for outputs as raw bytes;
   * or choose each side. Default: JSON both ways.
   */
  binary?: boolean | { inputs?: boolean; outputs?: boolean };
}

/** Options of a model load through the repository API. */
export interface LoadOptions extends CallOptions {
  /** config.json text replacing the repository's until a later load without it. */
  config?: string;
  /** Files to upload, by path inside the model directory (e.g. `3/model.onnx`); need `config`. */
  files?: Record<string, Uint8Array>;
}

/**
 * A client of the Open Inference Protocol (KServe V2) over HTTP, with Triton's binary tensor data,
 * statistics and model repository extensions, KServe V1 `:predict` and Perch's `/predict`. Every
 * call rejects with InferenceServerError for an error answer, InferenceTimeoutError,
 * InferenceConnectionError, or the abort reason of its signal.
 */
export class PerchClient {
  private readonly settings: TransportSettings;
  private readonly adminToken?: string;

  constructor(options: ClientOptions) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.apiKey) headers.Authorization = `Bearer ${options.apiKey}`;
    this.settings = {
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      timeoutMs: options.timeoutMs ?? 30_000,
      headers,
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    };
    this.adminToken = options.adminToken;
  }

  /** `GET /v2`: name, version, extensions. */
  async serverMetadata(options: CallOptions = {}): Promise<ServerMetadata> {
    return json(await this.get('/v2', options));
  }

  /** `GET /v2/health/live`: whether the server answers. */
  async isServerLive(options: CallOptions = {}): Promise<boolean> {
    return (await this.get('/v2/health/live', options, [503])).status === 200;
  }

  /** `GET /v2/health/ready`: whether every model the server should serve is ready. */
  async isServerReady(options: CallOptions = {}): Promise<boolean> {
    return (await this.get('/v2/health/ready', options, [503])).status === 200;
  }

  /** `GET /v2/models/{model}[/versions/{version}]`. */
  async modelMetadata(
    model: string,
    version?: string,
    options: CallOptions = {},
  ): Promise<ModelMetadata> {
    return json(await this.get(modelPath(model, version), options));
  }

  /** `GET .../ready`: whether the model (version) is ready; false when it is not served. */
  async isModelReady(model: string, version?: string, options: CallOptions = {}): Promise<boolean> {
    const res = await this.get(`${modelPath(model, version)}/ready`, options, [404, 503]);
    return res.status === 200;
  }

  /** `GET .../config`: the effective model configuration (Triton's extension). */
  async modelConfig(
    model: string,
    version?: string,
    options: CallOptions = {},
  ): Promise<Record<string, unknown>> {
    return json(await this.get(`${modelPath(model, version)}/config`, options));
  }

  /** `GET /v2/models[/{model}[/versions/{version}]]/stats` (Triton's statistics extension). */
  async modelStatistics(
    model?: string,
    version?: string,
    options: CallOptions = {},
  ): Promise<StatisticsResponse> {
    const path = model === undefined ? '/v2/models' : modelPath(model, version);
    return json(await this.get(`${path}/stats`, options));
  }

  /** `POST .../infer`: typed arrays (or plain arrays) in, typed arrays out. */
  async infer(
    model: string,
    request: InferRequest,
    options: InferOptions = {},
  ): Promise<InferResponse> {
    const binary = options.binary;
    const encoded = encodeInferRequest(request, {
      binaryInputs: binary === true || (typeof binary === 'object' && binary.inputs === true),
      binaryOutputs: binary === true || (typeof binary === 'object' && binary.outputs === true),
    });
    const res = await exchange(
      this.settings,
      'POST',
      `${modelPath(model, options.version)}/infer`,
      {
        ...options,
        headers: { ...encoded.headers, ...options.headers },
        body: encoded.body,
      },
    );
    const headerLength = res.headers.get(HEADER_LENGTH);
    return decodeInferResponse(res.body, headerLength === null ? undefined : Number(headerLength));
  }

  /** KServe V1 `POST /v1/models/{model}[/versions/{version}]:predict`. */
  async predictV1(
    model: string,
    instances: readonly unknown[],
    options: CallOptions & { version?: string } = {},
  ): Promise<V1PredictResponse> {
    const path = `/v1/models/${seg(model)}${options.version ? `/versions/${seg(options.version)}` : ''}:predict`;
    return json(await this.post(path, { instances }, options));
  }

  /** Perch's `POST /predict[/{model}]`: one value per row in, one answer per row out. */
  async predict<T = unknown>(
    rows: readonly unknown[],
    model?: string,
    options: CallOptions = {},
  ): Promise<T[]> {
    return json(
      await this.post(model === undefined ? '/predict' : `/predict/${seg(model)}`, rows, options),
    );
  }

  /** `POST /v2/repository/index` (Triton's model repository extension). */
  async repositoryIndex(
    readyOnly = false,
    options: CallOptions = {},
  ): Promise<RepositoryIndexEntry[]> {
    return json(await this.post('/v2/repository/index', { ready: readyOnly }, this.admin(options)));
  }

  /** `POST /v2/repository/models/{model}/load`: loads or reloads it, optionally with new files. */
  async loadModel(model: string, options: LoadOptions = {}): Promise<void> {
    const parameters: Record<string, string> = {};
    if (options.config !== undefined) parameters.config = options.config;
    for (const [path, bytes] of Object.entries(options.files ?? {}))
      parameters[`file:${path}`] = base64(bytes);
    const body = Object.keys(parameters).length > 0 ? { parameters } : {};
    await this.post(`/v2/repository/models/${seg(model)}/load`, body, this.admin(options));
  }

  /** `POST /v2/repository/models/{model}/unload`. */
  async unloadModel(model: string, options: CallOptions = {}): Promise<void> {
    await this.post(`/v2/repository/models/${seg(model)}/unload`, {}, this.admin(options));
  }

  private get(path: string, options: CallOptions, accept?: readonly number[]): Promise<Exchange> {
    return exchange(this.settings, 'GET', path, { ...options, accept });
  }

  private post(path: string, body: unknown, options: CallOptions): Promise<Exchange> {
    return exchange(this.settings, 'POST', path, {
      ...options,
      headers: { 'Content-Type': 'application/json', ...options.headers },
      body: new TextEncoder().encode(JSON.stringify(body)),
    });
  }

  private admin(options: CallOptions): CallOptions {
    if (!this.adminToken) return options;
    return {
      ...options,
      headers: { Authorization: `Bearer ${this.adminToken}`, ...options.headers },
    };
  }
}

function modelPath(model: string, version?: string): string {
  return `/v2/models/${seg(model)}${version === undefined ? '' : `/versions/${seg(version)}`}`;
}

function seg(value: string): string {
  return encodeURIComponent(value);
}

/** Standard base64 of `bytes`, in chunks (String.fromCharCode takes a bounded argument list). */
function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
