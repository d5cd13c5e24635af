import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { InferenceModule } from '../inference/inference.module';
import { RegistryModule } from '../registry/registry.module';
import { LoggingService } from './logging.service';
import { pinoParams } from './pino-params';

/**
 * Structured logs (nestjs-pino): every Nest Logger call, one line per HTTP request, and model
 * lifecycle lines. LoggerModule is global, so its Logger replaces Nest's in createApp.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => pinoParams(config, process.stdout.isTTY === true),
    }),
    InferenceModule,
    RegistryModule,
  ],
  providers: [LoggingService],
})
export class LoggingModule {}
