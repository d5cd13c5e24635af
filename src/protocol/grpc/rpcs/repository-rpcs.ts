import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { V2RepositoryService } from '../../v2/repository/v2-repository.service';
import { GrpcCallRunner, RpcPolicy } from '../call/grpc-call-runner';
import { RepositoryModelRequestMessage } from '../codecs/grpc-messages';
import { repositoryIndexMessage } from '../codecs/grpc-model.codec';
import { decodeRepositoryParameters } from '../codecs/grpc-parameters.codec';
import { GrpcError, GrpcStatus } from '../transport/grpc-status';
import { ServerCall } from '../transport/server-call';

const ADMIN: RpcPolicy = { access: 'admin', throttled: true };

/**
 * Triton's model repository extension over gRPC, on the same service as REST's
 * (v2-repository.service.ts) with the same gating: ADMIN_TOKEN first (the Authenticator), then
 * the API must be on (MODEL_CONTROL_MODE=explicit or ENABLE_REPOSITORY_API=true), else NOT_FOUND
 * with REST's 404 message.
 */
@Injectable()
export class RepositoryRpcs {
  constructor(
    private readonly repository: V2RepositoryService,
    private readonly runner: GrpcCallRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  handlers(): ReadonlyMap<string, (call: ServerCall) => Promise<void>> {
    const r = this.runner;
    return new Map([
      [
        'RepositoryIndex',
        r.unary('RepositoryIndex', ADMIN, async (m) => {
          this.checkEnabled();
          const ready = (m as { ready: boolean }).ready;
          return repositoryIndexMessage(await this.repository.index(ready));
        }),
      ],
      [
        'RepositoryModelLoad',
        r.unary('RepositoryModelLoad', ADMIN, async (m) => {
          this.checkEnabled();
          const request = m as RepositoryModelRequestMessage;
          await this.repository.load(
            request.model_name,
            decodeRepositoryParameters(request.parameters),
          );
          return {};
        }),
      ],
      [
        'RepositoryModelUnload',
        // unload_dependents is accepted: Perch has no ensembles, so there are no dependents.
        r.unary('RepositoryModelUnload', ADMIN, async (m) => {
          this.checkEnabled();
          const request = m as RepositoryModelRequestMessage;
          decodeRepositoryParameters(request.parameters);
          await this.repository.unload(request.model_name);
          return {};
        }),
      ],
    ]);
  }

  private checkEnabled(): void {
    if (!this.config.repositoryApiEnabled) {
      throw new GrpcError(
        GrpcStatus.NOT_FOUND,
        'the model repository API is off: set MODEL_CONTROL_MODE=explicit or ENABLE_REPOSITORY_API=true',
      );
    }
  }
}
