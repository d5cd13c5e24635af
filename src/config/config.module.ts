import { Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_CONFIG, AppConfig } from './app-config';
import { validateEnv } from './validate-env';

const CONFIG_KEY = 'perch';

/** Validates the environment (and an optional .env file) once and provides the typed AppConfig. */
@Global()
@Module({
  imports: [
    ConfigModule.forRoot({
      ignoreEnvFile: false,
      cache: true,
      validate: (env) => ({ [CONFIG_KEY]: validateEnv(env) }),
    }),
  ],
  providers: [
    {
      provide: APP_CONFIG,
      inject: [ConfigService],
      useFactory: (config: ConfigService): AppConfig => config.getOrThrow<AppConfig>(CONFIG_KEY),
    },
  ],
  exports: [APP_CONFIG],
})
export class AppConfigModule {}
