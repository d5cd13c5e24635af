import { clientText } from '../common/client-text';
import { InvalidInputError } from '../common/errors/serving.errors';
import { formatShape, shapeMatches } from '../common/tensor/shape';
import { Tensor } from '../common/tensor/tensor';
import { ModelSignature, TensorSpec } from '../registry/model-config';

/** The shape a client must send for a tensor: the batch dimension first when the model batches. */
export function fullShape(signature: ModelSignature, spec: TensorSpec): number[] {
  return signature.maxBatchSize > 0 ? [-1, ...spec.dims] : [...spec.dims];
}

/**
 * Checks decoded inputs against what the model serves: names, datatypes, shapes with -1
 * wildcards, the batch size limit, one batch size for all inputs. `model` names the model in
 * messages. Pure; throws InvalidInputError with the first problem found.
 */
export function validateInputs(
  model: string,
  signature: ModelSignature,
  inputs: readonly Tensor[],
): void {
  const specs = new Map(signature.inputs.map((s) => [s.name, s]));
  const seen = new Set<string>();
  let batch: { size: number; input: string } | undefined;
  for (const input of inputs) {
    const spec = specs.get(input.name);
    if (!spec) {
      const names = signature.inputs.map((s) => s.name).join(', ');
      throw new InvalidInputError(
        `model '${model}' has no input '${clientText(input.name)}' (inputs: ${names})`,
      );
    }
    if (seen.has(input.name))
      throw new InvalidInputError(
        `model '${model}': input '${clientText(input.name)}' is given twice`,
      );
    seen.add(input.name);
    const where = `model '${model}' input '${input.name}'`;
    if (input.datatype !== spec.datatype) {
      throw new InvalidInputError(
        `${where}: datatype ${clientText(input.datatype)} does not match the model's ${spec.datatype}`,
      );
    }
    const expected = fullShape(signature, spec);
    if (!shapeMatches(expected, input.shape)) {
      throw new InvalidInputError(
        `${where}: shape ${formatShape(input.shape)} does not match the model's ${formatShape(expected)}`,
      );
    }
    if (signature.maxBatchSize > 0) {
      const size = input.shape[0];
      if (size < 1 || size > signature.maxBatchSize) {
        throw new InvalidInputError(
          `${where}: batch size ${size} is outside 1..${signature.maxBatchSize} (max_batch_size)`,
        );
      }
      if (batch && batch.size !== size) {
        throw new InvalidInputError(
          `model '${model}': input '${input.name}' has batch size ${size} but '${batch.input}' has ${batch.size}`,
        );
      }
      batch = { size, input: input.name };
    }
  }
  const missing = signature.inputs.find((s) => !seen.has(s.name));
  if (missing) throw new InvalidInputError(`model '${model}': input '${missing.name}' is missing`);
}

/** The output names to fetch: those requested (checked, no repeats) or every output of the model. */
export function selectOutputs(
  model: string,
  signature: ModelSignature,
  requested?: readonly string[],
): string[] {
  const all = signature.outputs.map((o) => o.name);
  if (!requested || requested.length === 0) return all;
  const seen = new Set<string>();
  for (const name of requested) {
    if (!all.includes(name)) {
      throw new InvalidInputError(
        `model '${model}' has no output '${clientText(name)}' (outputs: ${all.join(', ')})`,
      );
    }
    if (seen.has(name))
      throw new InvalidInputError(`model '${model}': output '${name}' is requested twice`);
    seen.add(name);
  }
  return [...requested];
}
