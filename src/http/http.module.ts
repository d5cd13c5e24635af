import { Global, Module } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { BodyBudget } from './body-budget';
import { BodyReader } from './body-reader';
import { InflateSlots } from './inflate-slots';
import { ReadBodyPipe } from './request-body';

/**
 * Request bodies for every controller (`@RequestBody()`): one BodyReader, the body memory budget
 * (MAX_INFLIGHT_BODY_BYTES), and one pool of
 * inflation slots per process, sized to the cores (zlib inflates on libuv's threads).
 */
@Global()
@Module({
  providers: [
    {
      provide: BodyReader,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new BodyReader(
          { maxBytes: config.maxRequestBytes, maxInflateRatio: config.maxInflateRatio },
          new InflateSlots(Math.max(2, availableParallelism())),
        ),
    },
    {
      provide: BodyBudget,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new BodyBudget(config.maxInflightBodyBytes),
    },
    ReadBodyPipe,
  ],
  exports: [BodyReader, BodyBudget, ReadBodyPipe],
})
export class HttpModule {}
