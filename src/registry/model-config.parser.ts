import { fromConfigDataType } from '../common/tensor/datatype';
import { validateDto } from '../common/validation/validate-dto';
import { ModelConfig, PartialTensorSpec, VersionPolicy } from './model-config';
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
      `config.json: name '${dto.name}' does not match the directory name '${name}'`,
    );
  }
  return {
    name,
    maxBatchSize: dto.max_batch_size ?? 0,
    maxBatchSizeGiven: dto.max_batch_size !== undefined,
    inputs: tensors('input', dto.input ?? []),
    outputs: tensors('output', dto.output ?? []),
    versionPolicy: versionPolicy(dto.version_policy),
    parameters: parameters(dto.parameters ?? {}),
  };
}

function tensors(field: string, list: TensorConfigDto[]): PartialTensorSpec[] {
  const seen = new Set<string>();
  return list.map((t) => {
    if (seen.has(t.name))
      throw new ModelConfigError(`config.json: ${field} '${t.name}' is listed twice`);
    seen.add(t.name);
    if (field === 'input' && t.label_filename !== undefined) {
      throw new ModelConfigError(
        `config.json input '${t.name}': label_filename applies to outputs only`,
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
        `config.json: parameters.${key} must be a string, number, boolean or {"string_value": "..."}`,
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
