import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AuthModule } from '../auth/auth.module';
import { InferenceModule } from '../inference/inference.module';
import { HealthController } from './health.controller';
import { ModelsHealthIndicator } from './models.health';

/** Probe endpoints; failures are already logged once by the registry, so terminus stays quiet. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false }), AuthModule, InferenceModule],
  controllers: [HealthController],
  providers: [ModelsHealthIndicator],
})
export class HealthModule {}
