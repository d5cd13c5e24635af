import { Injectable, OnModuleInit } from '@nestjs/common';
import { InvalidInputError } from '../common/errors/serving.errors';
import { elementCount } from '../common/tensor/shape';
import { Tensor } from '../common/tensor/tensor';
import { TYPED_ARRAY_VIEWS } from '../common/tensor/typed-arrays';
import { InferenceService } from './inference.service';
import { ModelCall } from './runtime/pool/pool-protocol';
import { SessionPool } from './runtime/pool/session-pool';

/** The protocol name handler calls are recorded under in statistics, metrics and logs. */
export const BLS_PROTOCOL = 'bls';

/**
 * Routes handlers' calls to other models (Triton's BLS) from the pool threads into the data
 * plane, so a call is validated, batched, cached and counted exactly as a client's request.
 */
@Injectable()
export class HandlerCalls implements OnModuleInit {
  constructor(
    private readonly pool: SessionPool,
    private readonly inference: InferenceService,
  ) {}

  onModuleInit(): void {
    this.pool.routeCalls((call) => this.call(call));
  }

  async call(call: ModelCall): Promise<Tensor[]> {
    call.inputs.forEach((t) => checkTensor(call.model, t));
    const outputs = call.outputs?.map(({ name, classification }) => ({
      name,
      parameters: classification === undefined ? {} : { classification },
    }));
    const result = await this.inference.infer(
      call.model,
      call.version,
      { inputs: call.inputs, outputs },
      BLS_PROTOCOL,
    );
    return [...result.outputs];
  }
}

/**
 * What the data plane's validation takes for granted of a decoded request: data of the
 * datatype's array type, as many elements as the shape holds. A handler builds its tensors by
 * hand, so its calls are checked here.
 */
function checkTensor(model: string, t: Tensor): void {
  const where = `a call to model '${model}': input '${String(t.name)}'`;
  if (!Array.isArray(t.shape) || !t.shape.every((d) => Number.isInteger(d) && d >= 0))
    throw new InvalidInputError(`${where} needs a shape of whole numbers`);
  const expected = t.datatype === 'BYTES' ? undefined : TYPED_ARRAY_VIEWS[t.datatype];
  const fits =
    t.datatype === 'BYTES'
      ? Array.isArray(t.data) && t.data.every((v) => typeof v === 'string')
      : expected !== undefined && t.data instanceof expected;
  if (!fits)
    throw new InvalidInputError(
      `${where}: ${t.datatype} data must be ${t.datatype === 'BYTES' ? 'an array of strings' : `a ${expected?.name ?? 'typed array'}`}`,
    );
  if (t.data.length !== elementCount(t.shape))
    throw new InvalidInputError(
      `${where} has ${t.data.length} elements for shape [${t.shape.join(',')}]`,
    );
}
