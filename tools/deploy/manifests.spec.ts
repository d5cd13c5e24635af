import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { docLabel, manifestFiles, readManifests } from './manifest-files';
import { validateManifests } from './validate-manifests';

const ROOT = join(__dirname, '..', '..');
const DEPLOY_DIRS = ['deploy/k8s', 'deploy/kserve'];
const FIXTURES = 'tools/deploy/fixtures';

const inRepo = (path: string): string => join(ROOT, path);
const deployFiles = DEPLOY_DIRS.flatMap((dir) => manifestFiles(inRepo(dir)));
const fixtureFiles = manifestFiles(inRepo(FIXTURES));
const docs = [...deployFiles, ...fixtureFiles].flatMap((file) => readManifests(file));
const relative = (label: string): string => label.slice(ROOT.length + 1);

describe('deploy manifests against the Kubernetes and KServe schemas', () => {
  // One TypeScript program checks every document (strict-fields.ts), so validate once.
  let problems: Map<string, string[]>;
  beforeAll(() => {
    problems = new Map(
      [...validateManifests(docs)].map(([label, found]) => [relative(label), found]),
    );
  });

  const deployDocs = docs
    .filter((doc) => !doc.file.includes(FIXTURES))
    .map((doc) => relative(docLabel(doc)));
  it.each(deployDocs)('%s is valid', (label) => {
    expect(problems.get(label)).toEqual([]);
  });

  it('covers every kind the deployment uses', () => {
    const kinds = new Set(
      docs.filter((d) => !d.file.includes(FIXTURES)).map((d) => String(d.object.kind)),
    );
    expect([...kinds].sort()).toEqual([
      'ConfigMap',
      'Deployment',
      'HorizontalPodAutoscaler',
      'InferenceService',
      'PersistentVolumeClaim',
      'PodDisruptionBudget',
      'Secret',
      'Service',
      'ServiceMonitor',
      'ServingRuntime',
    ]);
  });

  // Each deliberately broken document fails, with the problem its fixture comment names.
  it.each([
    [
      'broken-k8s.yaml#0 Deployment/broken',
      'spec.template.spec.containers[0].readinesProbe: unknown field',
    ],
    ['broken-k8s.yaml#1 Service/broken', 'spec.ports[0].port: must be integer'],
    ['broken-k8s.yaml#2 ConfigMap/broken', 'data.PORT: must be string'],
    ['broken-k8s.yaml#3 ServiceMonitor/broken', 'spec.endpoints[0].pathh: unknown field'],
    ['broken-k8s.yaml#4 Widget/broken', 'no schema for apiVersion example.com/v1, kind Widget'],
    [
      'broken-kserve.yaml#0 ServingRuntime/broken',
      'spec.protocolVersions[0]: must be equal to one of the allowed values',
    ],
    [
      'broken-kserve.yaml#0 ServingRuntime/broken',
      'as a Pod: spec.containers[0].imagee: unknown field',
    ],
    [
      'broken-kserve.yaml#1 InferenceService/broken',
      "spec.predictor.model: must have required property 'modelFormat'",
    ],
    [
      'broken-kserve.yaml#1 InferenceService/broken',
      'as a Pod: spec.containers[0].resource: unknown field',
    ],
  ])('fixture %s fails: %s', (label, problem) => {
    expect(problems.get(`${FIXTURES}/${label}`)).toContain(problem);
  });
});

describe('kustomization.yaml', () => {
  it.each(DEPLOY_DIRS)(
    '%s lists every manifest but the *.example.yaml ones, and nothing else',
    (dir) => {
      const kustomization = parse(
        readFileSync(inRepo(`${dir}/kustomization.yaml`), 'utf8'),
      ) as Record<string, unknown>;
      expect(kustomization.apiVersion).toBe('kustomize.config.k8s.io/v1beta1');
      expect(kustomization.kind).toBe('Kustomization');
      expect(
        Object.keys(kustomization).every((k) =>
          ['apiVersion', 'kind', 'resources', 'images'].includes(k),
        ),
      ).toBe(true);
      const manifests = manifestFiles(inRepo(dir))
        .map((file) => basename(file))
        .filter((name) => !name.endsWith('.example.yaml'));
      expect([...(kustomization.resources as string[])].sort()).toEqual(manifests);
    },
  );
});
