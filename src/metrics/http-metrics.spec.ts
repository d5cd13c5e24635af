import { routeFamily, statusOutcome } from './http-metrics';

describe('routeFamily', () => {
  it.each([
    ['/v2/models/simple/infer', 'v2'],
    ['/v2', 'v2'],
    ['/v2/models/stats?x=1', 'v2'],
    ['/v1/models/iris:predict', 'v1'],
    ['/health/live', 'health'],
    ['/health/ready?verbose', 'health'],
    ['/v2/health/ready', 'health'],
    ['/metrics', 'metrics'],
    ['/metrics?name[]=x', 'metrics'],
    ['/metricsx', 'other'],
    ['/v20/models', 'other'],
    ['/healthz', 'other'],
    ['/', 'other'],
    ['/favicon.ico', 'other'],
  ])('%s is %s', (url, family) => {
    expect(routeFamily(url, '/metrics')).toBe(family);
  });

  it('follows METRICS_PATH', () => {
    expect(routeFamily('/internal/prometheus', '/internal/prometheus')).toBe('metrics');
    expect(routeFamily('/metrics', '/internal/prometheus')).toBe('other');
  });
});

describe('statusOutcome', () => {
  it.each([
    [200, 'success'],
    [304, 'success'],
    [400, 'client_error'],
    [429, 'client_error'],
    [499, 'client_error'],
    [500, 'server_error'],
    [503, 'server_error'],
  ])('%i is %s', (status, outcome) => {
    expect(statusOutcome(status)).toBe(outcome);
  });
});
