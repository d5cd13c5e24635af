import { checkKServe, isKServeKind } from './kserve-manifest';
import { kindModel, validateWithSchema } from './kubernetes-kinds';
import { docLabel, ManifestDoc } from './manifest-files';
import { checkStrictFields, StrictInput } from './strict-fields';

/**
 * Validates manifests with no cluster: each document against its kind's Kubernetes OpenAPI schema
 * (kubernetes-models), strictly (no unknown fields, strict-fields.ts), and KServe resources against
 * the vendored KServe schemas plus their core/v1 parts as a Pod (kserve-manifest.ts).
 * Returns the problems per document label (docLabel); a valid document has an empty list.
 */
export function validateManifests(docs: readonly ManifestDoc[]): Map<string, string[]> {
  const problems = new Map<string, string[]>();
  const strict: StrictInput[] = [];

  for (const doc of docs) {
    const label = docLabel(doc);
    const found: string[] = [];
    problems.set(label, found);
    const { apiVersion, kind } = doc.object;

    let object = doc.object;
    if (isKServeKind(apiVersion, kind)) {
      const kserve = checkKServe(doc.object);
      found.push(...kserve.problems);
      object = kserve.pod;
    }
    const model = kindModel(object.apiVersion, object.kind);
    if (!model) {
      found.push(`no schema for apiVersion ${String(apiVersion)}, kind ${String(kind)}`);
      continue;
    }
    const prefix = object === doc.object ? '' : 'as a Pod: ';
    found.push(...validateWithSchema(model, object).map((m) => `${prefix}${m}`));
    strict.push({ label, model, object });
  }

  for (const [label, messages] of checkStrictFields(strict)) {
    const prefix = isKServeLabel(docs, label) ? 'as a Pod: ' : '';
    problems.get(label)?.push(...messages.map((m) => `${prefix}${m}`));
  }
  return problems;
}

function isKServeLabel(docs: readonly ManifestDoc[], label: string): boolean {
  const doc = docs.find((d) => docLabel(d) === label);
  return doc !== undefined && isKServeKind(doc.object.apiVersion, doc.object.kind);
}
