import { InvalidInputError } from '../../../common/errors/serving.errors';

/**
 * The version a V2 infer request is served by, when its body names a model or version too (the
 * KServe SDK's REST client writes `model_name`, and may write `model_version`, into every body).
 * The body is checked against the path rather than ignored: a body that names another model, or
 * another version than the path, is refused, so a client never gets an answer from a model it
 * did not ask for. Where the path names no version, the body's `model_version` chooses it, as
 * `/versions/{v}` would. Empty strings count as absent (protobuf-style clients send them).
 */
export function servedVersion(
  pathModel: string,
  pathVersion: string | undefined,
  body: { readonly modelName?: string; readonly modelVersion?: string } | undefined,
): string | undefined {
  const name = body?.modelName || undefined;
  const version = body?.modelVersion || undefined;
  if (name !== undefined && name !== pathModel) {
    throw new InvalidInputError(
      `the body's model_name '${name.slice(0, 64)}' does not match the model '${pathModel}' in the path`,
    );
  }
  if (version === undefined) return pathVersion;
  if (pathVersion !== undefined && version !== pathVersion) {
    throw new InvalidInputError(
      `the body's model_version '${version.slice(0, 32)}' does not match version ${pathVersion} in the path`,
    );
  }
  return version;
}
