import { clientText } from '../common/client-text';
import type { TensorSpec } from '../handlers';
import {
  DEFAULT_HANDLER_LOAD_TIMEOUT_MS,
  DEFAULT_HANDLER_TIMEOUT_MS,
  HandlerSpec,
} from '../inference/runtime/handlers/handler-spec';
import { ModelConfig, PartialTensorSpec } from './model-config';
import { ModelConfigError } from './model-config.parser';
import { VersionSource } from './model-source';

/** Whether a version is served by its handler: it has one, and config.json does not pin ONNX. */
export function servedByHandler(config: ModelConfig, source: VersionSource): boolean {
  if (config.backend === 'typescript' && !source.handler) {
    throw new ModelConfigError(
      `config.json backend "typescript" needs a model.ts or model.js in version ${source.version}`,
    );
  }
  return source.handler !== undefined && config.backend !== 'onnxruntime';
}

/**
 * The spec a pool thread loads a handler from. A handler model's config.json must declare every
 * input and output with data_type and dims: there is no file to complete them from, and they are
 * what metadata, validation and V2 clients see.
 */
export function handlerSpecOf(
  config: ModelConfig,
  source: VersionSource,
  file: string,
): HandlerSpec {
  const inputs = declared('input', config.inputs);
  const outputs = declared('output', config.outputs);
  return {
    file,
    model: config.name,
    version: source.version,
    directory: source.dir,
    parameters: { ...config.parameters },
    maxBatchSize: config.maxBatchSize,
    inputs,
    outputs,
    withModel: source.file !== undefined,
    timeoutMs: millis(config, 'handler_timeout_ms', DEFAULT_HANDLER_TIMEOUT_MS),
    loadTimeoutMs: millis(config, 'handler_load_timeout_ms', DEFAULT_HANDLER_LOAD_TIMEOUT_MS),
  };
}

function declared(field: 'input' | 'output', specs: readonly PartialTensorSpec[]): TensorSpec[] {
  if (specs.length === 0)
    throw new ModelConfigError(`config.json: a handler model must declare its ${field}s`);
  return specs.map(({ name, datatype, dims }) => {
    if (!datatype || !dims) {
      throw new ModelConfigError(
        `config.json ${field} '${clientText(name)}': a handler model declares data_type and dims for each ${field}`,
      );
    }
    return { name, datatype, dims };
  });
}

/** A whole number of ms from 1 ms to 10 minutes, or the default. */
function millis(config: ModelConfig, key: string, fallback: number): number {
  const text = config.parameters[key];
  if (text === undefined) return fallback;
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms < 1 || ms > 600_000) {
    throw new ModelConfigError(
      `config.json: parameters.${key} must be a whole number of ms from 1 to 600000, not '${clientText(text)}'`,
    );
  }
  return ms;
}
