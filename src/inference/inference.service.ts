import { Injectable } from '@nestjs/common';
import { ResponseCacheService } from '../cache/response-cache.service';
import { InvalidInputError, ServingError } from '../common/errors/serving.errors';
import { ModelRegistryService, NotReadyVersion } from '../registry/model-registry.service';
import {
  EffectiveModelConfig,
  InferRequest,
  InferResult,
  ModelMetadata,
  TensorMetadata,
} from './inference.types';
import { fullShape, selectOutputs, validateInputs } from './input-validation';
import { ModelSignature, TensorSpec } from '../registry/model-config';

/**
 * The data plane every protocol adapter calls (after MLServer's DataPlane and Triton's server.h):
 * readiness, model metadata and inference, in protocol-neutral types.
 */
@Injectable()
export class InferenceService {
  constructor(
    private readonly registry: ModelRegistryService,
    private readonly cache: ResponseCacheService,
  ) {}

  /** Versions that keep the server from being ready; empty when it is. */
  notReady(): NotReadyVersion[] {
    return this.registry.notReady();
  }

  /** Whether one model (its newest served version, or the one named) can run now. */
  isModelReady(name: string, version?: string): boolean {
    return this.registry.getVersion(name, version).state === 'READY';
  }

  modelMetadata(name: string, version?: string): ModelMetadata {
    const served = this.registry.serve(name, version);
    const versions = this.registry
      .get(name)
      .versions.filter((v) => v.state === 'READY')
      .map((v) => String(v.version));
    return {
      name,
      versions,
      platform: 'onnxruntime_onnx',
      inputs: describe(served.signature, served.signature.inputs),
      outputs: describe(served.signature, served.signature.outputs),
    };
  }

  /** The effective configuration of a served version: config.json completed from the model file. */
  modelConfig(name: string, version?: string): EffectiveModelConfig {
    const served = this.registry.serve(name, version);
    return { name, config: served.config, signature: served.signature };
  }

  async infer(
    name: string,
    version: string | undefined,
    request: InferRequest,
  ): Promise<InferResult> {
    const served = this.registry.serve(name, version);
    validateInputs(name, served.signature, request.inputs);
    const outputNames = selectOutputs(
      name,
      served.signature,
      request.outputs?.map((o) => o.name),
    );
    // Looked up before run(), which takes ownership of the input buffers the key is made from.
    const cached = await this.cache.lookup(served, request, outputNames);
    if (cached.outputs) {
      return {
        modelName: name,
        modelVersion: String(served.version),
        outputs: cached.outputs,
        cache: cached.status,
      };
    }
    let outputs;
    try {
      outputs = await served.session.run(request.inputs, outputNames);
    } catch (e) {
      if (e instanceof ServingError) throw e;
      // Inputs passed validation, so what is left is what only the graph can check (values a Cast
      // cannot parse, shapes an operator refuses): the client can act on the runtime's words.
      const detail = firstLine((e as Error).message);
      throw new InvalidInputError(
        `model '${name}' version ${served.version} could not run these inputs: ${detail}`,
      );
    }
    cached.store(outputs);
    return { modelName: name, modelVersion: String(served.version), outputs, cache: cached.status };
  }
}

function describe(signature: ModelSignature, specs: readonly TensorSpec[]): TensorMetadata[] {
  return specs.map((s) => ({ name: s.name, datatype: s.datatype, shape: fullShape(signature, s) }));
}

function firstLine(message: string): string {
  return message.split('\n')[0].slice(0, 300);
}
