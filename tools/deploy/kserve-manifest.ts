import Ajv, { ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pointerToPath } from './json-path';

/**
 * KServe's custom resources have no npm models, so their own fields are checked with JSON schemas
 * vendored under deploy/schemas/ (written from KServe's Go API types; sources in each file's
 * $comment). The parts that are core/v1 types inline (a ServingRuntime's pod fields, an
 * InferenceService predictor's PodSpec and its model's Container) are gathered into a synthetic Pod,
 * which the caller validates with the Kubernetes schema like any other manifest.
 */
export interface KServeResult {
  /** Problems found by the KServe schema, each `path: message`. */
  readonly problems: string[];
  /** The core/v1 parts as a Pod, for the Kubernetes checks. */
  readonly pod: Record<string, unknown>;
}

type Json = Record<string, unknown>;

const SCHEMAS: Readonly<Record<string, string>> = {
  'serving.kserve.io/v1alpha1/ServingRuntime': 'servingruntime.serving.kserve.io_v1alpha1.json',
  'serving.kserve.io/v1alpha1/ClusterServingRuntime':
    'servingruntime.serving.kserve.io_v1alpha1.json',
  'serving.kserve.io/v1beta1/InferenceService': 'inferenceservice.serving.kserve.io_v1beta1.json',
};

const SCHEMA_DIR = join(__dirname, '..', '..', 'deploy', 'schemas');
const ajv = new Ajv({ allErrors: true });
ajv.addKeyword('x-perch-pod-spec');
ajv.addKeyword('x-perch-rest');
const compiled = new Map<string, { schema: Json; validate: ValidateFunction }>();

/** Whether an apiVersion and kind are a KServe resource this module checks. */
export function isKServeKind(apiVersion: unknown, kind: unknown): boolean {
  return `${String(apiVersion)}/${String(kind)}` in SCHEMAS;
}

/** Checks a KServe resource's own fields and extracts its core/v1 parts as a Pod. */
export function checkKServe(object: Json): KServeResult {
  const file = SCHEMAS[`${String(object.apiVersion)}/${String(object.kind)}`];
  let entry = compiled.get(file);
  if (!entry) {
    const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as Json;
    entry = { schema, validate: ajv.compile(schema) };
    compiled.set(file, entry);
  }
  const problems = entry.validate(object)
    ? []
    : (entry.validate.errors ?? []).map(
        (e) => `${pointerToPath(e.instancePath)}: ${e.message ?? 'invalid'}`,
      );
  const pod =
    object.kind === 'InferenceService'
      ? inferenceServicePod(object, entry.schema)
      : servingRuntimePod(object, entry.schema);
  return { problems, pod };
}

const asJson = (value: unknown): Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};

const podOf = (metadata: unknown, spec: Json): Json => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata,
  spec,
});

/** A ServingRuntime's pod fields (the schema's x-perch-pod-spec list) are PodSpec fields. */
function servingRuntimePod(object: Json, schema: Json): Json {
  const specSchema = asJson(asJson(schema.properties).spec);
  const podFields = specSchema['x-perch-pod-spec'] as string[];
  const spec = asJson(object.spec);
  return podOf(
    object.metadata,
    Object.fromEntries(podFields.filter((k) => k in spec).map((k) => [k, spec[k]])),
  );
}

/**
 * A predictor's fields beyond KServe's are its inline PodSpec; a model's fields beyond KServe's are
 * its inline Container, which KServe names kserve-container.
 */
function inferenceServicePod(object: Json, schema: Json): Json {
  const definitions = asJson(schema.definitions);
  const rest = (value: unknown, definition: unknown): Json => {
    const known = Object.keys(asJson(asJson(definition).properties));
    return Object.fromEntries(Object.entries(asJson(value)).filter(([k]) => !known.includes(k)));
  };
  const predictor = asJson(asJson(object.spec).predictor);
  const podSpec = rest(predictor, definitions.predictor);
  const containers = Array.isArray(podSpec.containers)
    ? [...(podSpec.containers as unknown[])]
    : [];
  if (predictor.model !== undefined) {
    containers.unshift({ name: 'kserve-container', ...rest(predictor.model, definitions.model) });
  }
  return podOf(object.metadata, { ...podSpec, containers });
}
