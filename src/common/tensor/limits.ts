import { PayloadTooLargeError } from '../errors/serving.errors';
import { elementCount, formatShape } from './shape';

/** Size limits every decoded request must respect; each names its variable in the error. */
export interface TensorLimits {
  readonly maxTensorElements: number;
  readonly maxRequestElements: number;
  readonly maxBytesElementLength: number;
}

/** Generous defaults for code paths that have no configuration (pure codec tests). */
export const NO_LIMITS: TensorLimits = {
  maxTensorElements: Number.MAX_SAFE_INTEGER,
  maxRequestElements: Number.MAX_SAFE_INTEGER,
  maxBytesElementLength: Number.MAX_SAFE_INTEGER,
};

/** Checks the shapes of a request's tensors before any data is read or allocated. */
export function checkElementLimits(
  limits: TensorLimits,
  tensors: readonly { name: string; shape: readonly number[] }[],
): void {
  let total = 0;
  for (const t of tensors) {
    const n = elementCount(t.shape);
    if (n > limits.maxTensorElements) {
      throw new PayloadTooLargeError(
        `input '${t.name}' shape ${formatShape(t.shape)} holds ${n} elements; MAX_TENSOR_ELEMENTS is ${limits.maxTensorElements}`,
      );
    }
    total += n;
  }
  if (total > limits.maxRequestElements) {
    throw new PayloadTooLargeError(
      `the request holds ${total} elements; MAX_REQUEST_ELEMENTS is ${limits.maxRequestElements}`,
    );
  }
}

/** Checks every BYTES element's length in bytes. */
export function checkBytesElements(
  limits: TensorLimits,
  what: string,
  lengths: Iterable<number>,
): void {
  let i = 0;
  for (const length of lengths) {
    if (length > limits.maxBytesElementLength) {
      throw new PayloadTooLargeError(
        `${what}: BYTES element ${i} is ${length} bytes; MAX_BYTES_ELEMENT_LENGTH is ${limits.maxBytesElementLength}`,
      );
    }
    i++;
  }
}
