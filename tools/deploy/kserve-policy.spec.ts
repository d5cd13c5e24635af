import { join } from 'node:path';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { heapAndLimit } from './heap-limit';
import { readManifests } from './manifest-files';

/**
 * What KServe's schemas cannot say: the InferenceService picks the perch runtime with the V2
 * protocol, and the runtime maps KServe's model mount to MODEL_REPOSITORY and listens where
 * its probes and port say.
 */
interface ServingRuntime {
  metadata: { name: string };
  spec: {
    supportedModelFormats: { name: string; version?: string }[];
    protocolVersions: string[];
    grpcDataEndpoint?: string;
    httpDataEndpoint?: string;
    containers: IContainer[];
  };
}
interface InferenceService {
  spec: {
    predictor: {
      model: IContainer & {
        modelFormat: { name: string };
        runtime: string;
        protocolVersion: string;
      };
    };
  };
}

const DIR = join(__dirname, '..', '..', 'deploy', 'kserve');
const runtime = readManifests(join(DIR, 'serving-runtime.yaml'))[0]
  .object as unknown as ServingRuntime;
const isvc = readManifests(join(DIR, 'inference-service.yaml'))[0]
  .object as unknown as InferenceService;
const grpcIsvc = readManifests(join(DIR, 'inference-service-grpc.example.yaml'))[0]
  .object as unknown as InferenceService;
const container = runtime.spec.containers[0];
const env = new Map((container.env ?? []).map((e) => [e.name, e.value]));

describe('KServe ServingRuntime', () => {
  it('caps the V8 heap at half the memory limit (NODE_OPTIONS)', () => {
    const { heap, limit } = heapAndLimit(container.env, container.resources?.limits?.memory);
    expect(heap).toBe(limit / 2);
  });

  it('serves ONNX over the Open Inference Protocol (v2 REST, grpc-v2) and v1', () => {
    expect(runtime.spec.supportedModelFormats.map((f) => f.name)).toContain('onnx');
    expect(runtime.spec.protocolVersions).toEqual(['v2', 'grpc-v2', 'v1']);
  });

  it('declares its gRPC and HTTP endpoints where GRPC_PORT and PORT make it listen', () => {
    expect(runtime.spec.grpcDataEndpoint).toBe(`port:${env.get('GRPC_PORT')}`);
    expect(runtime.spec.httpDataEndpoint).toBe(`port:${env.get('PORT')}`);
  });

  it("reads the models KServe's storage initializer puts at /mnt/models", () => {
    expect(container.name).toBe('kserve-container');
    expect(env.get('MODEL_REPOSITORY')).toBe('/mnt/models');
  });

  it('listens on the declared port, with V2 health probes on it', () => {
    const port = container.ports?.[0].containerPort;
    expect(String(port)).toBe(env.get('PORT'));
    expect(container.readinessProbe?.httpGet).toEqual({ path: '/v2/health/ready', port });
    expect(container.livenessProbe?.httpGet).toEqual({ path: '/v2/health/live', port });
  });

  it('runs non-root as user 1000 with a read-only root filesystem and a writable /tmp', () => {
    expect(container.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 1000,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.volumeMounts?.map((m) => m.mountPath)).toContain('/tmp');
  });
});

describe('KServe InferenceService', () => {
  it('uses the perch runtime for an ONNX model with protocolVersion v2', () => {
    const model = isvc.spec.predictor.model;
    expect(model.runtime).toBe(runtime.metadata.name);
    expect(runtime.spec.supportedModelFormats.map((f) => f.name)).toContain(model.modelFormat.name);
    expect(model.protocolVersion).toBe('v2');
    expect(runtime.spec.protocolVersions).toContain(model.protocolVersion);
  });
});

describe('KServe InferenceService over gRPC (example)', () => {
  it('asks grpc-v2 of the perch runtime and routes its h2c port: GRPC_PORT', () => {
    const model = grpcIsvc.spec.predictor.model;
    expect(model.runtime).toBe(runtime.metadata.name);
    expect(model.protocolVersion).toBe('grpc-v2');
    expect(runtime.spec.protocolVersions).toContain(model.protocolVersion);
    expect(model.ports).toEqual([
      { name: 'h2c', containerPort: Number(env.get('GRPC_PORT')), protocol: 'TCP' },
    ]);
    expect(model.readinessProbe?.grpc?.port).toBe(Number(env.get('GRPC_PORT')));
    expect(model.livenessProbe?.tcpSocket?.port).toBe(Number(env.get('GRPC_PORT')));
  });
});
