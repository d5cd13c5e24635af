import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { heapAndLimit } from './heap-limit';
import { manifestFiles, readManifests } from './manifest-files';

/**
 * What the schemas cannot say: the manifests agree with each other, with the server's behaviour
 * (probes, drain timing, configuration names) and with the Dockerfile (user, port, health check).
 */
const ROOT = join(__dirname, '..', '..');
const objects = manifestFiles(join(ROOT, 'deploy/k8s')).flatMap((f) =>
  readManifests(f).map((d) => d.object),
);
const one = <T>(kind: string): T => {
  const found = objects.filter((o) => o.kind === kind);
  if (found.length !== 1)
    throw new Error(`deploy/k8s holds ${found.length} ${kind} manifests, not 1`);
  return found[0] as T;
};

const deployment = one<IDeployment>('Deployment');
const service = one<IService>('Service');
const configMap = one<IConfigMap>('ConfigMap');
const secretExample = readManifests(join(ROOT, 'deploy/k8s/secret.example.yaml'))[0]
  .object as unknown as ISecret;
const pod = deployment.spec?.template.spec;
const container = pod?.containers[0];
const podLabels = deployment.spec?.template.metadata?.labels ?? {};
const containerPorts = new Map((container?.ports ?? []).map((p) => [p.name, p.containerPort]));
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const selects = (
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
): boolean =>
  Object.keys(selector ?? {}).length > 0 &&
  Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);

describe('k8s Deployment', () => {
  it('caps the V8 heap at half the memory limit (NODE_OPTIONS)', () => {
    const { heap, limit } = heapAndLimit(container?.env, container?.resources?.limits?.memory);
    expect(heap).toBe(limit / 2);
  });

  it('probes: startup and liveness on /health/live, on a declared port', () => {
    expect(container?.startupProbe?.httpGet?.path).toBe('/health/live');
    expect(container?.livenessProbe?.httpGet?.path).toBe('/health/live');
    for (const probe of [container?.startupProbe, container?.livenessProbe]) {
      expect(containerPorts.has(String(probe?.httpGet?.port))).toBe(true);
    }
  });

  it('readiness: a gRPC probe of the server ("": /health/ready\'s answer) on the gRPC port, GRPC_PORT', () => {
    const grpc = container?.readinessProbe?.grpc;
    expect(grpc?.service ?? '').toBe('');
    expect(grpc?.port).toBe(containerPorts.get('grpc'));
    expect(String(grpc?.port)).toBe(configMap.data?.GRPC_PORT);
  });

  it('drains without a preStop hook, within a grace period longer than delay + timeout', () => {
    expect(container?.lifecycle?.preStop).toBeUndefined();
    const env = configMap.data ?? {};
    const drain =
      Number(env.SHUTDOWN_DELAY_SECONDS ?? 5) + Number(env.SHUTDOWN_TIMEOUT_SECONDS ?? 30);
    expect(pod?.terminationGracePeriodSeconds).toBeGreaterThan(drain);
  });

  it('runs as the image user 1000, non-root, read-only, no privilege escalation, no capabilities', () => {
    expect(dockerfile).toMatch(/^USER 1000:1000$/m);
    for (const context of [pod?.securityContext, container?.securityContext]) {
      expect(context).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000 });
      expect(context?.seccompProfile?.type).toBe('RuntimeDefault');
    }
    expect(container?.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(pod?.automountServiceAccountToken).toBe(false);
  });

  it('mounts the model repository read-only where MODEL_REPOSITORY points, and a writable /tmp', () => {
    const mounts = new Map((container?.volumeMounts ?? []).map((m) => [m.mountPath, m]));
    const models = mounts.get(String(configMap.data?.MODEL_REPOSITORY));
    expect(models?.readOnly).toBe(true);
    const volume = pod?.volumes?.find((v) => v.name === models?.name);
    expect(volume?.persistentVolumeClaim?.readOnly).toBe(true);
    const tmp = pod?.volumes?.find((v) => v.name === mounts.get('/tmp')?.name);
    expect(tmp?.emptyDir).toBeDefined();
  });

  it('sets resource requests and limits, and takes its env from the ConfigMap and an optional Secret', () => {
    expect(container?.resources?.requests).toEqual(
      expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }),
    );
    expect(container?.resources?.limits).toEqual(
      expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }),
    );
    expect(container?.envFrom).toEqual([
      { configMapRef: { name: configMap.metadata?.name } },
      { secretRef: { name: secretExample.metadata?.name, optional: true } },
    ]);
  });

  it('matches the image: ports, health check path, telemetry off', () => {
    expect(dockerfile).toContain(
      `EXPOSE ${containerPorts.get('http')} ${containerPorts.get('grpc')}`,
    );
    expect(dockerfile).toMatch(new RegExp(`GRPC_PORT=${containerPorts.get('grpc')}\\b`));
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/health\/live/);
    expect(dockerfile).toMatch(/ORT_DISABLE_TELEMETRY=1/);
    expect(String(containerPorts.get('http'))).toBe(configMap.data?.PORT);
  });
});

describe('k8s Service, autoscaling, disruption budget, monitoring', () => {
  it('the Service selects the pods and targets container ports: HTTP, and gRPC as h2c', () => {
    expect(selects(service.spec?.selector, podLabels)).toBe(true);
    for (const port of service.spec?.ports ?? [])
      expect(containerPorts.has(String(port.targetPort))).toBe(true);
    const grpc = service.spec?.ports?.find((p) => p.targetPort === 'grpc');
    expect(grpc).toMatchObject({
      port: containerPorts.get('grpc'),
      appProtocol: 'kubernetes.io/h2c',
    });
  });

  it('the HPA scales the Deployment on CPU, and the PDB keeps all but one of its minimum', () => {
    const hpa = one<IHorizontalPodAutoscaler>('HorizontalPodAutoscaler');
    expect(hpa.spec?.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: deployment.metadata?.name,
    });
    expect(hpa.spec?.metrics?.[0].resource?.name).toBe('cpu');
    expect(deployment.spec?.replicas).toBeUndefined();
    const pdb = one<IPodDisruptionBudget>('PodDisruptionBudget');
    expect(selects(pdb.spec?.selector?.matchLabels, podLabels)).toBe(true);
    expect(Number(pdb.spec?.maxUnavailable)).toBeLessThan(Number(hpa.spec?.minReplicas));
  });

  it('the ServiceMonitor scrapes /metrics on a port of the Service it selects', () => {
    const monitor = one<IServiceMonitor>('ServiceMonitor');
    expect(selects(monitor.spec.selector.matchLabels, service.metadata?.labels ?? {})).toBe(true);
    expect(monitor.spec.endpoints?.[0]).toMatchObject({ path: '/metrics' });
    expect(service.spec?.ports?.map((p) => p.name)).toContain(monitor.spec.endpoints?.[0].port);
  });
});

describe('k8s ConfigMap and Secret example', () => {
  it('sets only variables the configuration table (docs/configuration.md) documents', () => {
    const table = readFileSync(join(ROOT, 'docs', 'configuration.md'), 'utf8');
    const documented = new Set(
      [...table.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]),
    );
    expect(Object.keys(configMap.data ?? {}).filter((k) => !documented.has(k))).toEqual([]);
  });

  it('holds no secret, and the Secret example holds only marked placeholders', () => {
    expect(Object.keys(configMap.data ?? {})).not.toEqual(expect.arrayContaining(['API_KEYS']));
    expect(Object.keys(configMap.data ?? {})).not.toEqual(expect.arrayContaining(['ADMIN_TOKEN']));
    expect(Object.keys(secretExample.stringData ?? {}).sort()).toEqual(['ADMIN_TOKEN', 'API_KEYS']);
    for (const value of Object.values(secretExample.stringData ?? {}))
      expect(value).toMatch(/REPLACE-ME/);
  });
});
