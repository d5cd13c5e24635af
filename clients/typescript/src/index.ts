export { PerchClient } from './client.js';
export type { ClientOptions, InferOptions, LoadOptions } from './client.js';
export type { CallOptions } from './transport.js';
export {
  InferenceConnectionError,
  InferenceProtocolError,
  InferenceServerError,
  InferenceTimeoutError,
} from './errors.js';
export { DATATYPES, isDataType } from './datatypes.js';
export type { DataType, TensorData, TensorDataMap } from './datatypes.js';
export { fromHalfBits, toHalfBits } from './fp16.js';
export { decodeInferResponse, encodeInferRequest, HEADER_LENGTH } from './infer-codec.js';
export type { EncodedRequest, TensorEncoding } from './infer-codec.js';
export type * from './types.js';
