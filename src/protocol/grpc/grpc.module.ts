import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { InferenceModule } from '../../inference/inference.module';
import { RegistryModule } from '../../registry/registry.module';
import { V2RepositoryService } from '../v2/repository/v2-repository.service';
import { GrpcCallRunner } from './call/grpc-call-runner';
import { GrpcServer } from './grpc-server';
import { HealthRpcs } from './rpcs/health-rpcs';
import { InferRpcs } from './rpcs/infer-rpcs';
import { ModelRpcs } from './rpcs/model-rpcs';
import { RepositoryRpcs } from './rpcs/repository-rpcs';
import { UnsupportedRpcs } from './rpcs/unsupported-rpcs';

/**
 * The Open Inference Protocol over gRPC (Triton's GRPCInferenceService, a superset of KServe's)
 * and grpc.health.v1, on the same data plane, authentication, limits and logs as REST.
 */
@Module({
  imports: [InferenceModule, RegistryModule, AuthModule],
  providers: [
    GrpcCallRunner,
    ModelRpcs,
    InferRpcs,
    RepositoryRpcs,
    HealthRpcs,
    UnsupportedRpcs,
    V2RepositoryService,
    GrpcServer,
  ],
  exports: [GrpcServer],
})
export class GrpcModule {}
