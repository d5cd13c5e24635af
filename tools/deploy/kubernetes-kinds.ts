import { pointerToPath } from './json-path';

/**
 * The Kubernetes kinds Perch's manifests use, mapped to their models: the npm package
 * kubernetes-models (the Kubernetes API's OpenAPI schemas) and @kubernetes-models/prometheus-operator
 * (ServiceMonitor). Each entry names the module, whose class validates with the OpenAPI schema at
 * run time, and the TypeScript interface that strict-fields.ts checks unknown fields against.
 */
export interface KindModel {
  /** Module path, resolvable by Node (package exports) and by TypeScript (the .d.ts beside it). */
  readonly module: string;
  /** Exported interface of the module, e.g. IDeployment. */
  readonly typeName: string;
  /** Exported class of the module, e.g. Deployment. */
  readonly className: string;
}

const core = (path: string, kind: string): KindModel => ({
  module: `kubernetes-models/${path}/${kind}`,
  typeName: `I${kind}`,
  className: kind,
});

const KINDS: Readonly<Record<string, KindModel>> = {
  'v1/ConfigMap': core('v1', 'ConfigMap'),
  'v1/PersistentVolumeClaim': core('v1', 'PersistentVolumeClaim'),
  'v1/Pod': core('v1', 'Pod'),
  'v1/Secret': core('v1', 'Secret'),
  'v1/Service': core('v1', 'Service'),
  'apps/v1/Deployment': core('apps/v1', 'Deployment'),
  'autoscaling/v2/HorizontalPodAutoscaler': core('autoscaling/v2', 'HorizontalPodAutoscaler'),
  'policy/v1/PodDisruptionBudget': core('policy/v1', 'PodDisruptionBudget'),
  'monitoring.coreos.com/v1/ServiceMonitor': {
    module: '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor',
    typeName: 'IServiceMonitor',
    className: 'ServiceMonitor',
  },
};

/** The model for an apiVersion and kind, or undefined when none is registered. */
export function kindModel(apiVersion: unknown, kind: unknown): KindModel | undefined {
  return KINDS[`${String(apiVersion)}/${String(kind)}`];
}

interface ValidatingModel {
  validate(): void;
}
type ModelClass = new (data: Record<string, unknown>) => ValidatingModel;
interface SchemaError {
  readonly instancePath: string;
  readonly message?: string;
}

/**
 * Validates an object with the model's OpenAPI schema (types, formats, required fields, enums).
 * Returns one `path: message` per error; none when valid. Unknown fields pass here:
 * strict-fields.ts catches them.
 */
export function validateWithSchema(model: KindModel, object: Record<string, unknown>): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(model.module) as Record<string, ModelClass>;
  try {
    new loaded[model.className](object).validate();
    return [];
  } catch (error) {
    // @kubernetes-models/validate throws a ValidationError carrying ajv's errors.
    const errors = (error as { errors?: SchemaError[] }).errors;
    if (!Array.isArray(errors)) throw error;
    return errors.map((e) => `${pointerToPath(e.instancePath)}: ${e.message ?? 'invalid'}`);
  }
}
