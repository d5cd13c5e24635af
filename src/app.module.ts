import { Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { AppConfigModule } from './config/config.module';
import { HealthModule } from './health/health.module';
import { HttpModule } from './http/http.module';
import { ProtocolModule } from './protocol/protocol.module';

@Module({
  imports: [AppConfigModule, AuthModule, HttpModule, HealthModule, ProtocolModule],
})
export class AppModule {}
