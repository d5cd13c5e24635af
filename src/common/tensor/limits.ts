import { clientText } from '../client-text';
import { PayloadTooLargeError } from '../errors/serving.errors';
import { elementCount, formatShape } from './shape';

/** Size limits every decoded request must respect; each names its variable in the error. */
export interface TensorLimits {
  readonly maxTensorElements: number;
  readonly maxRequestElements: number;
  readonly maxBytesElementLength: number;
  /** Bytes of all BYTES elements of one request together. */
  readonly maxRequestStringBytes: number;
}

/** Generous defaults for code paths that have no configuration (pure codec tests). */
export const NO_LIMITS: TensorLimits = {
  maxTensorElements: Number.MAX_SAFE_INTEGER,
  maxRequestElements: Number.MAX_SAFE_INTEGER,
  maxBytesElementLength: Number.MAX_SAFE_INTEGER,
  maxRequestStringBytes: Number.MAX_SAFE_INTEGER,
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
        `input '${clientText(t.name)}' shape ${formatShape(t.shape)} holds ${n} elements; MAX_TENSOR_ELEMENTS is ${limits.maxTensorElements}`,
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

/**
 * Checks the BYTES inputs of a request: each element's length, and all of them together, in
 * bytes. A string graph's work and memory grow with the text it is given, so the total bounds
 * what one request can make a model allocate, whatever the per-element cap.
 */
export function checkStringBytes(
  limits: TensorLimits,
  tensors: readonly { name: string; data: unknown }[],
): void {
  let total = 0;
  for (const t of tensors) {
    if (!Array.isArray(t.data)) continue;
    const strings = t.data as readonly string[];
    for (let i = 0; i < strings.length; i++) {
      const length = Buffer.byteLength(strings[i]);
      if (length > limits.maxBytesElementLength) {
        throw new PayloadTooLargeError(
          `input '${clientText(t.name)}': BYTES element ${i} is ${length} bytes; MAX_BYTES_ELEMENT_LENGTH is ${limits.maxBytesElementLength}`,
        );
      }
      total += length;
    }
  }
  if (total > limits.maxRequestStringBytes) {
    throw new PayloadTooLargeError(
      `the request's BYTES elements hold ${total} bytes together; MAX_REQUEST_STRING_BYTES is ${limits.maxRequestStringBytes}`,
    );
  }
}
