import { parseModelConfig } from './model-config.parser';

describe('parseModelConfig', () => {
  it('defaults everything when there is no config.json', () => {
    expect(parseModelConfig('m', undefined)).toEqual({
      name: 'm',
      maxBatchSize: 0,
      instanceCount: 1,
      dynamicBatching: undefined,
      inputs: [],
      outputs: [],
      versionPolicy: { kind: 'latest', numVersions: 1 },
      parameters: {},
      execution: { intraOpThreads: 1, allowSpinning: false, placement: 'auto' },
      responseCache: undefined,
      pinned: false,
    });
  });

  it.each([
    ['{"parameters": {"pinned": "true"}}', true],
    ['{"parameters": {"pinned": true}}', true],
    ['{"parameters": {"pinned": "false"}}', false],
    ['{}', false],
  ])('pinned from %s: %s', (text, pinned) => {
    expect(parseModelConfig('m', text).pinned).toBe(pinned);
  });

  it('refuses a pinned parameter that is not a boolean', () => {
    expect(() => parseModelConfig('m', '{"parameters": {"pinned": "yes"}}')).toThrow(
      "parameters.pinned must be true or false, not 'yes'",
    );
  });

  it.each([
    ['batches and names no scheduler: on, no delay', '{"max_batch_size": 8}', 0],
    ['no batch dimension: off', '{}', undefined],
    ['switched off', '{"max_batch_size": 8, "parameters": {"dynamic_batching": "off"}}', undefined],
    [
      'configured',
      '{"max_batch_size": 8, "dynamic_batching": {"max_queue_delay_microseconds": 500}}',
      0.5,
    ],
  ])("dynamic batching like Triton's ONNX Runtime backend: %s", (_name, text, delayMs) => {
    expect(parseModelConfig('m', text).dynamicBatching?.maxQueueDelayMs).toBe(delayMs);
  });

  it.each([
    [
      '{"parameters": {"intra_op_thread_count": "2", "allow_spinning": "true", "placement": "pool"}}',
      { intraOpThreads: 2, allowSpinning: true, placement: 'pool' },
    ],
    [
      '{"parameters": {"intra_op_thread_count": 4, "allow_spinning": false, "placement": "inline"}}',
      { intraOpThreads: 4, allowSpinning: false, placement: 'inline' },
    ],
  ])('reads the runtime parameters of %s', (text, execution) => {
    expect(parseModelConfig('m', text).execution).toEqual(execution);
  });

  it.each([
    [
      '{"parameters": {"intra_op_thread_count": "0"}}',
      'intra_op_thread_count must be a whole number from 1 to 99',
    ],
    [
      '{"parameters": {"allow_spinning": "sometimes"}}',
      "allow_spinning must be true or false, not 'sometimes'",
    ],
    [
      '{"parameters": {"placement": "gpu"}}',
      "placement must be one of auto, inline, pool, not 'gpu'",
    ],
    ['{"parameters": {"dynamic_batching": "on"}}', 'parameters.dynamic_batching may only be "off"'],
    [
      '{"max_batch_size": 4, "dynamic_batching": {}, "parameters": {"dynamic_batching": "off"}}',
      'keep one',
    ],
  ])('refuses %s', (text, message) => {
    expect(() => parseModelConfig('m', text)).toThrow(message);
  });

  it('reads Triton field names', () => {
    const config = parseModelConfig(
      'simple',
      JSON.stringify({
        name: 'simple',
        platform: 'onnxruntime_onnx',
        max_batch_size: 8,
        input: [{ name: 'INPUT0', data_type: 'TYPE_INT32', dims: [16] }],
        output: [{ name: 'OUTPUT0', data_type: 'TYPE_STRING', dims: [-1] }],
        version_policy: { specific: { versions: [3, 1] } },
        parameters: { a: { string_value: '1' }, b: 2, c: true },
      }),
    );
    expect(config.maxBatchSize).toBe(8);
    expect(config.inputs).toEqual([{ name: 'INPUT0', datatype: 'INT32', dims: [16] }]);
    expect(config.outputs).toEqual([{ name: 'OUTPUT0', datatype: 'BYTES', dims: [-1] }]);
    expect(config.versionPolicy).toEqual({ kind: 'specific', versions: [3, 1] });
    expect({ ...config.parameters }).toEqual({ a: '1', b: '2', c: 'true' });
  });

  it('reads instance_group and dynamic_batching in Triton units', () => {
    const config = parseModelConfig(
      'm',
      JSON.stringify({
        max_batch_size: 32,
        instance_group: [{ count: 2, kind: 'KIND_CPU' }, { count: 1 }],
        dynamic_batching: {
          preferred_batch_size: [16, 8, 16],
          max_queue_delay_microseconds: 2500,
          default_queue_policy: { max_queue_size: 10, default_timeout_microseconds: 1_000_000 },
        },
      }),
    );
    expect(config.instanceCount).toBe(3);
    expect(config.dynamicBatching).toEqual({
      preferredBatchSizes: [8, 16],
      maxQueueDelayMs: 2.5,
      maxQueueSize: 10,
      queueTimeoutMs: 1000,
    });
  });

  it('bounds the batching queue even when config.json does not', () => {
    expect(
      parseModelConfig('m', '{"max_batch_size": 4, "dynamic_batching": {}}').dynamicBatching
        ?.maxQueueSize,
    ).toBe(1024);
  });

  it('keeps an output label_filename', () => {
    const config = parseModelConfig(
      'm',
      '{"output": [{"name": "p", "label_filename": "labels.txt"}]}',
    );
    expect(config.outputs[0].labelFilename).toBe('labels.txt');
  });

  it.each([
    ['no response_cache', '{}', undefined],
    ['response_cache disabled', '{"response_cache": {"enable": false}}', undefined],
    ['response_cache with the default TTL', '{"response_cache": {"enable": true}}', 300],
    [
      'response_cache with cache_ttl_seconds',
      '{"response_cache": {"enable": true}, "parameters": {"cache_ttl_seconds": {"string_value": "60"}}}',
      60,
    ],
    [
      'a TTL without response_cache (ignored)',
      '{"parameters": {"cache_ttl_seconds": "60"}}',
      undefined,
    ],
  ])('reads %s', (_case, text, ttlSeconds) => {
    const { responseCache } = parseModelConfig('m', text);
    expect(responseCache).toEqual(ttlSeconds === undefined ? undefined : { ttlSeconds });
  });

  it.each([
    ['{"all": {}}', { kind: 'all' }],
    ['{"latest": {"num_versions": 3}}', { kind: 'latest', numVersions: 3 }],
  ])('reads version_policy %s', (policy, expected) => {
    expect(parseModelConfig('m', `{"version_policy": ${policy}}`).versionPolicy).toEqual(expected);
  });

  const bad: [string, string, string][] = [
    ['invalid JSON', '{"max_batch_size": ', 'config.json is not valid JSON'],
    ['an array', '[]', 'expected a JSON object'],
    ['an unknown key (typo)', '{"max_batch": 4}', 'property max_batch should not exist'],
    [
      'a negative max_batch_size',
      '{"max_batch_size": -1}',
      'max_batch_size must not be less than 0',
    ],
    ['a fractional max_batch_size', '{"max_batch_size": 1.5}', 'max_batch_size must be an integer'],
    [
      'an unknown data_type',
      '{"input": [{"name": "x", "data_type": "TYPE_FLOAT"}]}',
      'input.0.data_type must be one of',
    ],
    [
      'dims below -1',
      '{"input": [{"name": "x", "dims": [-2]}]}',
      'input.0.dims entries must be -1',
    ],
    [
      'fractional dims',
      '{"output": [{"name": "x", "dims": [1.5]}]}',
      'output.0.dims must contain only integers',
    ],
    ['an unnamed input', '{"input": [{"dims": [1]}]}', 'input.0.name'],
    ['a duplicate input', '{"input": [{"name": "x"}, {"name": "x"}]}', "input 'x' is listed twice"],
    ['another platform', '{"platform": "tensorflow_savedmodel"}', 'platform must be one of'],
    ['a name mismatch', '{"name": "other"}', "name 'other' does not match the directory name 'm'"],
    [
      'two version policies',
      '{"version_policy": {"all": {}, "latest": {"num_versions": 1}}}',
      'exactly one of',
    ],
    ['an empty version policy', '{"version_policy": {}}', 'exactly one of'],
    [
      'a specific version past 2^53 - 1 (JSON rounds it to a neighbour)',
      '{"version_policy": {"specific": {"versions": [1, 9007199254740993]}}}',
      'version_policy.specific.versions must each be at most 9007199254740991',
    ],
    [
      'num_versions 0',
      '{"version_policy": {"latest": {"num_versions": 0}}}',
      'num_versions must not be less than 1',
    ],
    ['an object parameter', '{"parameters": {"x": {"int_value": 1}}}', 'parameters.x must be'],
    [
      'a label file on an input',
      '{"input": [{"name": "x", "label_filename": "labels.txt"}]}',
      "input 'x': label_filename applies to outputs only",
    ],
    [
      'a label file that is not a string',
      '{"output": [{"name": "x", "label_filename": 3}]}',
      'label_filename must be a string',
    ],
    [
      'an unsupported feature',
      '{"sequence_batching": {}}',
      'property sequence_batching should not exist',
    ],
    [
      'dynamic batching without a batch dimension',
      '{"dynamic_batching": {}}',
      'dynamic_batching needs max_batch_size > 0',
    ],
    [
      'a preferred size above max_batch_size',
      '{"max_batch_size": 4, "dynamic_batching": {"preferred_batch_size": [8]}}',
      'preferred_batch_size 8 exceeds max_batch_size 4',
    ],
    [
      'an instance count of 0',
      '{"instance_group": [{"count": 0}]}',
      'instance_group.0.count must not be less than 1',
    ],
    [
      'response_cache without enable',
      '{"response_cache": {}}',
      'response_cache.enable must be a boolean value',
    ],
    [
      'a cache TTL of 0',
      '{"response_cache": {"enable": true}, "parameters": {"cache_ttl_seconds": "0"}}',
      "cache_ttl_seconds must be a whole number of seconds from 1 to 31536000, not '0'",
    ],
    [
      'a fractional cache TTL',
      '{"response_cache": {"enable": true}, "parameters": {"cache_ttl_seconds": 1.5}}',
      "not '1.5'",
    ],
  ];
  it.each(bad)('rejects %s', (_case, text, message) => {
    expect(() => parseModelConfig('m', text)).toThrow(message);
  });

  it.each([
    '{"parameters": {"__proto__": {"polluted": 1}}}',
    '{"parameters": {"constructor": "y"}}',
    '{"input": [{"name": "x", "prototype": 1}]}',
  ])('refuses prototype keys: %s', (text) => {
    expect(() => parseModelConfig('m', text)).toThrow('is not allowed');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses nesting past the envelope depth limit', () => {
    const deep = '{"parameters": {"a": ' + '['.repeat(40) + ']'.repeat(40) + '}}';
    expect(() => parseModelConfig('m', deep)).toThrow('nested deeper than 32 levels');
  });
});
