import { Inject, Injectable, Logger } from '@nestjs/common';
import { InvalidInputError, QueueFullError, ServingError } from '../common/errors/serving.errors';
import { checkElementLimits, checkStringBytes } from '../common/tensor/limits';
import { Tensor } from '../common/tensor/tensor';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ResponseCacheService } from '../cache/response-cache.service';
import { ModelRegistryService, NotReadyVersion } from '../registry/model-registry.service';
import { ModelResidencyService } from '../registry/model-residency.service';
import { isServable, LeasedVersion, ServedVersion } from '../registry/model-state';
import { InferenceObserver, InferenceOutcome, outcomeOf } from './inference-record';
import {
  EffectiveModelConfig,
  InferRequest,
  InferResult,
  ModelMetadata,
  TensorMetadata,
} from './inference.types';
import { applyClassification, outputsToRun, planClassification } from './classification';
import { fullShape, selectOutputs, validateInputs } from './input-validation';
import { ModelSignature, TensorSpec } from '../registry/model-config';
import { RequestsInFlight } from './runtime/requests-in-flight';
import { RECORDS } from './runtime/handlers/handler-spec';
import { answersOf, recordsTensor } from './runtime/handlers/records';
import { newRunTrace, RunTrace } from './runtime/run-trace';
import { InferenceStatistics, VersionStatistics } from './statistics/inference-statistics';

/** Protocol name recorded for callers that do not give one. */
const UNNAMED_PROTOCOL = 'unknown';

/**
 * The data plane every protocol adapter calls (after MLServer's DataPlane and Triton's server.h):
 * readiness, model metadata, inference and its statistics, in protocol-neutral types. Every
 * inference that reaches a served version is recorded here, once, for the statistics extension
 * and for the observers (metrics, request logs), so no adapter or controller records anything.
 */
@Injectable()
export class InferenceService {
  private readonly logger = new Logger(InferenceService.name);
  private readonly observers: InferenceObserver[] = [];

  constructor(
    private readonly registry: ModelRegistryService,
    private readonly statistics: InferenceStatistics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cache: ResponseCacheService,
    private readonly requests: RequestsInFlight,
    private readonly residency: ModelResidencyService,
  ) {}

  /** Adds a sink told of every finished inference; observability modules call this at start-up. */
  observe(observer: InferenceObserver): void {
    this.observers.push(observer);
  }

  /** Versions that keep the server from being ready; empty when it is. */
  notReady(): NotReadyVersion[] {
    return this.registry.notReady();
  }

  /** Whether one model (its newest served version, or the one named) can run now or after a cold load. */
  isModelReady(name: string, version?: string): boolean {
    return isServable(this.registry.getVersion(name, version).state);
  }

  /**
   * Undefined when the version can be described and run now; a promise that settles once its
   * cold load (residency budget) has ended when it is STANDBY. Callers that need its signature
   * before infer() (to decode a request) await it first.
   */
  whenResident(name: string, version?: string): Promise<void> | undefined {
    return this.residency.whenResident(name, version);
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

  /**
   * Per model version statistics (Triton's statistics extension): every READY or STANDBY version of every
   * model, of one model, or the one version named (which must be served).
   */
  modelStatistics(name?: string, version?: string): VersionStatistics[] {
    if (name !== undefined && version !== undefined) {
      const status = this.registry.getVersion(name, version);
      // A STANDBY version keeps its statistics; any other state answers as its inference would.
      if (!isServable(status.state)) this.registry.serve(name, version);
      return [this.statistics.of(name, String(status.version))];
    }
    const models = name === undefined ? this.registry.list() : [this.registry.get(name)];
    const stats = models.flatMap((m) =>
      m.versions
        .filter((v) => isServable(v.state))
        .map((v) => this.statistics.of(m.name, String(v.version))),
    );
    // A model with nothing READY answers as its inference would (503 with the state and reason).
    if (name !== undefined && stats.length === 0) this.registry.serve(name, undefined);
    return stats;
  }

  /** `protocol` names the calling adapter in statistics, metrics and logs. */
  async infer(
    name: string,
    version: string | undefined,
    request: InferRequest,
    protocol = UNNAMED_PROTOCOL,
  ): Promise<InferResult> {
    // The lease keeps this version's session alive through a reload or unload until we are done;
    // a STANDBY version (residency budget) is loaded first, and only then is a promise awaited.
    const leased = this.residency.lease(name, version);
    const served = leased instanceof Promise ? await leased : leased;
    const leave = this.requests.enter();
    const started = performance.now();
    const rows = rowsOf(served.signature, request.inputs);
    const trace = newRunTrace();
    try {
      const { outputs, cache } = await this.run(served, request, trace);
      this.record(served, protocol, 'success', rows, started, trace);
      return { modelName: name, modelVersion: String(served.version), outputs, cache };
    } catch (e) {
      this.record(served, protocol, outcomeOf(e), rows, started);
      throw e;
    } finally {
      leave();
      served.release();
    }
  }

  /** Whether a model version is served by a handler, which takes business records (inferRecords). */
  takesRecords(name: string, version?: string): boolean {
    return this.registry.serve(name, version).session.takesRecords === true;
  }

  /**
   * Business records (JSON rows as the client sent them, checked by the handler itself) through a
   * handler model: one answer per row, in order. Leased, bounded and recorded as infer() is.
   */
  async inferRecords(
    name: string,
    version: string | undefined,
    rows: readonly unknown[],
    protocol = UNNAMED_PROTOCOL,
  ): Promise<{ modelVersion: string; answers: unknown[] }> {
    const served = this.registry.lease(name, version);
    const leave = this.requests.enter();
    const started = performance.now();
    const trace = newRunTrace();
    try {
      if (served.inFlight > this.config.maxInflightPerModel) {
        throw new QueueFullError(
          `model '${name}' version ${served.version} has ${this.config.maxInflightPerModel} requests in flight (MAX_INFLIGHT_PER_MODEL)`,
        );
      }
      const outputs = await served.session.run([recordsTensor(rows)], [RECORDS], trace);
      const answers = answersOf(outputs, rows.length);
      this.record(served, protocol, 'success', rows.length, started, trace);
      return { modelVersion: String(served.version), answers };
    } catch (e) {
      this.record(served, protocol, outcomeOf(e), rows.length, started);
      throw e;
    } finally {
      leave();
      served.release();
    }
  }

  private async run(
    served: LeasedVersion,
    request: InferRequest,
    trace: RunTrace,
  ): Promise<Pick<InferResult, 'outputs' | 'cache'>> {
    const { name } = served;
    if (served.inFlight > this.config.maxInflightPerModel) {
      throw new QueueFullError(
        `model '${name}' version ${served.version} has ${this.config.maxInflightPerModel} requests in flight (MAX_INFLIGHT_PER_MODEL)`,
      );
    }
    validateInputs(name, served.signature, request.inputs);
    checkElementLimits(this.config.limits, request.inputs);
    checkStringBytes(this.config.limits, request.inputs);
    const outputNames = selectOutputs(
      name,
      served.signature,
      request.outputs?.map((o) => o.name),
    );
    const classification = planClassification(
      name,
      served.signature,
      request.outputs,
      served.labels,
    );
    // Looked up before session.run, which takes ownership of the input buffers the key is made from.
    const cached = await this.cache.lookup(served, request, outputNames);
    if (cached.outputs) return { outputs: cached.outputs, cache: cached.status };
    let outputs: Tensor[];
    try {
      const toRun = outputsToRun(classification, outputNames);
      outputs = await served.session.run(request.inputs, toRun, trace);
    } catch (e) {
      if (e instanceof ServingError) throw e;
      // Inputs passed validation, so what is left is what only the graph can check (values a Cast
      // cannot parse, shapes an operator refuses): the client can act on the runtime's words.
      const detail = firstLine((e as Error).message);
      throw new InvalidInputError(
        `model '${name}' version ${served.version} could not run these inputs: ${detail}`,
      );
    }
    const answer = applyClassification(classification, outputNames, outputs);
    cached.store(answer);
    return { outputs: answer, cache: cached.status };
  }

  /** `trace` only for a success: a failed request's queue and compute times are not counted. */
  private record(
    served: ServedVersion,
    protocol: string,
    outcome: InferenceOutcome,
    rows: number,
    startedMs: number,
    trace?: RunTrace,
  ): void {
    const record = {
      model: served.name,
      version: String(served.version),
      protocol,
      outcome,
      rows,
      durationNs: (performance.now() - startedMs) * 1e6,
      finishedAtMs: Date.now(),
      trace,
    };
    this.statistics.record(record);
    for (const observer of this.observers) {
      try {
        observer.inferred(record);
      } catch (e) {
        // A fault in metrics or logging must never fail the request it describes.
        this.logger.error(`inference observer failed: ${(e as Error).message}`);
      }
    }
  }
}

/** Batch size of a request: dimension 0 when the model batches, else one row. */
function rowsOf(signature: ModelSignature, inputs: readonly Tensor[]): number {
  return signature.maxBatchSize > 0 ? (inputs[0]?.shape[0] ?? 0) : 1;
}

function describe(signature: ModelSignature, specs: readonly TensorSpec[]): TensorMetadata[] {
  return specs.map((s) => ({ name: s.name, datatype: s.datatype, shape: fullShape(signature, s) }));
}

function firstLine(message: string): string {
  return message.split('\n')[0].slice(0, 300);
}
