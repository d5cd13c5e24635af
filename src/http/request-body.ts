import { createParamDecorator, ExecutionContext, Injectable, PipeTransform } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { nodeRequest } from '../common/node-request';
import { BodyReader } from './body-reader';

const incomingMessage = createParamDecorator((_: unknown, ctx: ExecutionContext): IncomingMessage =>
  nodeRequest(ctx.switchToHttp().getRequest()),
);

/** Reads the request's body (see BodyReader) when the handler's parameters are resolved. */
@Injectable()
export class ReadBodyPipe implements PipeTransform<IncomingMessage, Promise<Buffer>> {
  constructor(private readonly reader: BodyReader) {}

  transform(req: IncomingMessage): Promise<Buffer> {
    return this.reader.read(req);
  }
}

/**
 * The request body as a Buffer, whatever its Content-Type, inflated and capped. Parameters are
 * resolved after every guard, so a request refused by authentication or the rate limit never has
 * its body read: that is why handlers take their body through this, not Nest's `@Body()`.
 */
export const RequestBody = (): ParameterDecorator => incomingMessage(ReadBodyPipe);
