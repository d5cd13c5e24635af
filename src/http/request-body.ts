import { createParamDecorator, ExecutionContext, Injectable, PipeTransform } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { nodeRequest } from '../common/node-request';
import { BodyBudget } from './body-budget';
import { BodyReader } from './body-reader';

/** The Node request and response under either adapter. */
interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
}

const exchange = createParamDecorator((_: unknown, ctx: ExecutionContext): Exchange => {
  const http = ctx.switchToHttp();
  const res = http.getResponse<ServerResponse | { raw: ServerResponse }>();
  return { req: nodeRequest(http.getRequest()), res: 'raw' in res ? res.raw : res };
});

/**
 * Reads the request's body (see BodyReader) when the handler's parameters are resolved, within
 * the body budget (BodyBudget): admitted before a byte is read, held until the answer is sent.
 */
@Injectable()
export class ReadBodyPipe implements PipeTransform<Exchange, Promise<Buffer>> {
  constructor(
    private readonly reader: BodyReader,
    private readonly budget: BodyBudget,
  ) {}

  async transform({ req, res }: Exchange): Promise<Buffer> {
    const ticket = this.budget.admit(req.headers);
    // 'close' comes once the answer is sent or the connection is gone, whichever is first.
    res.once('close', () => ticket.release());
    if (res.destroyed) ticket.release();
    return this.reader.read(req, ticket);
  }
}

/**
 * The request body as a Buffer, whatever its Content-Type, inflated and capped. Parameters are
 * resolved after every guard, so a request refused by authentication or the rate limit never has
 * its body read: that is why handlers take their body through this, not Nest's `@Body()`.
 */
export const RequestBody = (): ParameterDecorator => exchange(ReadBodyPipe);
