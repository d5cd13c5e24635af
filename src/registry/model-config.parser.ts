import { clientText } from '../common/client-text';
import { fromConfigDataType } from '../common/tensor/datatype';
import { validateDto } from '../common/validation/validate-dto';
import type { Placement } from '../inference/runtime/model-runner';
import {
  DynamicBatchingConfig,
  ExecutionSettings,
  ModelConfig,
  PartialTensorSpec,
  ResponseCacheConfig,
  VersionPolicy,
} from './model-config';
import { DynamicBatchingDto } from './scheduling-config.dto';
import { ModelConfigDto, TensorConfigDto, VersionPolicyDto } from './model-config.dto';

/** Thrown for a config.json that cannot be served; the message names the field. */
export class ModelConfigError extends Error {}

/**
 * Parses and validates one model's config.json text (undefined when the file is absent).
 * Pure: no file access, so the table tests can feed it strings.
 */
export function parseModelConfig(name: string, text: string | undefined): ModelConfig {
  let raw: unknown = {};
  if (text !== undefined) {
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new ModelConfigError(`config.json is not valid JSON: ${(e as Error).message}`);
    }
  }
  const result = validateDto(ModelConfigDto, raw);
  if (!result.ok) throw new ModelConfigError(`config.json: ${result.message}`);
  const dto = result.value;
  if (dto.name !== undefined && dto.name !== name) {
    throw new ModelConfigError(
      `config.json: name '${clientText(dto.name)}' does not match the directory name '${name}'`,
    );
  }
  const params = parameters(dto.parameters ?? {});
  const maxBatchSize = dto.max_batch_size ?? 0;
  const explicitOnnx = dto.backend === 'onnxruntime' || dto.platform !== undefined;
  if (dto.backend === 'typescript' && dto.platform !== undefined) {
    throw new ModelConfigError(
      `config.json: platform '${dto.platform}' and backend "typescript" contradict each other; keep one`,
    );
  }
  return {
    name,
    backend: dto.backend === 'typescript' ? 'typescript' : explicitOnnx ? 'onnxruntime' : undefined,
    maxBatchSize,
    instanceCount: (dto.instance_group ?? []).reduce((n, g) => n + (g.count ?? 1), 0) || 1,
    dynamicBatching: dynamicBatching(maxBatchSize, dto.dynamic_batching, params),
    inputs: tensors('input', dto.input ?? []),
    outputs: tensors('output', dto.output ?? []),
    versionPolicy: versionPolicy(dto.version_policy),
    parameters: params,
    execution: executionSettings(params),
    responseCache: dto.response_cache?.enable ? responseCache(params) : undefined,
    pinned: pinnedParameter(params.pinned),
  };
}

/** `parameters.pinned`: "true" or "false" (the default), like the other boolean parameters. */
function pinnedParameter(text: string | undefined): boolean {
  if (text === undefined || text === 'false') return false;
  if (text === 'true') return true;
  throw new ModelConfigError(
    `config.json: parameters.pinned must be true or false, not '${clientText(text)}'`,
  );
}

/** Cache entries live this long when config.json gives no `cache_ttl_seconds`: bounded, never forever. */
export const DEFAULT_CACHE_TTL_SECONDS = 300;

function responseCache(params: Record<string, string>): ResponseCacheConfig {
  const text = params.cache_ttl_seconds;
  if (text === undefined) return { ttlSeconds: DEFAULT_CACHE_TTL_SECONDS };
  const ttl = Number(text);
  // Redis' SET EX takes whole seconds; a year bounds what a typo can pin in a shared cache.
  if (!/^\d+$/.test(text) || ttl < 1 || ttl > 31_536_000) {
    throw new ModelConfigError(
      `config.json: parameters.cache_ttl_seconds must be a whole number of seconds from 1 to 31536000, not '${clientText(text)}'`,
    );
  }
  return { ttlSeconds: ttl };
}

function tensors(field: string, list: TensorConfigDto[]): PartialTensorSpec[] {
  const seen = new Set<string>();
  return list.map((t) => {
    if (seen.has(t.name))
      throw new ModelConfigError(`config.json: ${field} '${clientText(t.name)}' is listed twice`);
    seen.add(t.name);
    if (field === 'input' && t.label_filename !== undefined) {
      throw new ModelConfigError(
        `config.json input '${clientText(t.name)}': label_filename applies to outputs only`,
      );
    }
    return {
      name: t.name,
      datatype: t.data_type ? fromConfigDataType(t.data_type) : undefined,
      dims: t.dims,
      labelFilename: t.label_filename,
    };
  });
}

/** Queue bound when config.json sets none: Triton's default is unbounded, Perch's never is. */
export const DEFAULT_MAX_QUEUE_SIZE = 1024;

/**
 * Triton's ONNX Runtime backend turns dynamic batching on, with no queue delay, for a model that
 * batches and names no scheduler: whatever is queued when a session frees up runs as one batch.
 * Perch does the same; `parameters.dynamic_batching: "off"` keeps each request alone.
 */
function dynamicBatching(
  maxBatchSize: number,
  configured: DynamicBatchingDto | undefined,
  params: Record<string, string>,
): DynamicBatchingConfig | undefined {
  const switchedOff = params.dynamic_batching === 'off';
  if (params.dynamic_batching !== undefined && !switchedOff) {
    throw new ModelConfigError(
      `config.json: parameters.dynamic_batching may only be "off", not '${params.dynamic_batching.slice(0, 64)}'`,
    );
  }
  if (configured && switchedOff) {
    throw new ModelConfigError(
      'config.json: dynamic_batching is configured and parameters.dynamic_batching is "off"; keep one',
    );
  }
  if (switchedOff || (!configured && maxBatchSize === 0)) return undefined;
  const dto = configured ?? {};
  if (maxBatchSize === 0)
    throw new ModelConfigError('config.json: dynamic_batching needs max_batch_size > 0');
  const preferred = [...new Set(dto.preferred_batch_size ?? [])].sort((a, b) => a - b);
  const tooBig = preferred.find((p) => p > maxBatchSize);
  if (tooBig !== undefined) {
    throw new ModelConfigError(
      `config.json: dynamic_batching.preferred_batch_size ${tooBig} exceeds max_batch_size ${maxBatchSize}`,
    );
  }
  const policy = dto.default_queue_policy;
  return {
    preferredBatchSizes: preferred,
    maxQueueDelayMs: (dto.max_queue_delay_microseconds ?? 0) / 1000,
    maxQueueSize: policy?.max_queue_size || DEFAULT_MAX_QUEUE_SIZE,
    queueTimeoutMs: (policy?.default_timeout_microseconds ?? 0) / 1000,
  };
}

function versionPolicy(dto: VersionPolicyDto | undefined): VersionPolicy {
  if (!dto) return { kind: 'latest', numVersions: 1 };
  const keys = (['latest', 'all', 'specific'] as const).filter((k) => dto[k] !== undefined);
  if (keys.length !== 1) {
    throw new ModelConfigError(
      'config.json: version_policy must have exactly one of latest, all, specific',
    );
  }
  if (dto.latest) return { kind: 'latest', numVersions: dto.latest.num_versions };
  if (dto.specific) return { kind: 'specific', versions: dto.specific.versions };
  return { kind: 'all' };
}

function parameters(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [key, value] of Object.entries(raw)) {
    const v = isStringValue(value) ? value.string_value : value;
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      throw new ModelConfigError(
        `config.json: parameters.${clientText(key)} must be a string, number, boolean or {"string_value": "..."}`,
      );
    }
    out[key] = String(v);
  }
  return out;
}

function isStringValue(v: unknown): v is { string_value: string } {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { string_value?: unknown }).string_value === 'string'
  );
}

const PLACEMENTS: readonly Placement[] = ['auto', 'inline', 'pool'];

/** `intra_op_thread_count`, `allow_spinning` and `placement`, each checked, with Perch's defaults. */
function executionSettings(params: Record<string, string>): ExecutionSettings {
  const threads = params.intra_op_thread_count ?? '1';
  if (!/^[1-9][0-9]?$/.test(threads)) {
    throw new ModelConfigError(
      `config.json: parameters.intra_op_thread_count must be a whole number from 1 to 99, not '${threads.slice(0, 64)}'`,
    );
  }
  const spinning = params.allow_spinning ?? 'false';
  if (!['true', 'false', '1', '0'].includes(spinning)) {
    throw new ModelConfigError(
      `config.json: parameters.allow_spinning must be true or false, not '${spinning.slice(0, 64)}'`,
    );
  }
  const placement = params.placement ?? 'auto';
  if (!(PLACEMENTS as readonly string[]).includes(placement)) {
    throw new ModelConfigError(
      `config.json: parameters.placement must be one of ${PLACEMENTS.join(', ')}, not '${placement.slice(0, 64)}'`,
    );
  }
  return {
    intraOpThreads: Number(threads),
    allowSpinning: spinning === 'true' || spinning === '1',
    placement: placement as Placement,
  };
}
