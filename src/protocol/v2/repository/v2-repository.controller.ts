import { Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { RequestBody } from '../../../http/request-body';
import { AdminRoute } from '../../../auth/route-access.decorator';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiJsonBody, ApiJsonResponse } from '../../../docs/api-docs.decorators';
import { InvalidInputError } from '../../../common/errors/serving.errors';
import { jsonStructureProblem } from '../../../common/validation/json-structure';
import { EncodedBody } from '../../shared/encoded-body';
import { parseJsonBody } from '../../shared/json-body';
import { RepositoryApiGuard } from './repository-api.guard';
import { V2RepositoryService } from './v2-repository.service';

/** Triton's model repository extension: `POST /v2/repository/index|models/{m}/load|models/{m}/unload`. */
@Controller('v2/repository')
@ApiTags('Repository')
@ApiErrors(401, 403, 404)
@AdminRoute()
@UseGuards(RepositoryApiGuard)
export class V2RepositoryController {
  constructor(private readonly repository: V2RepositoryService) {}

  @Post('index')
  @HttpCode(200)
  @ApiOperation({ operationId: 'repositoryIndex', summary: 'Every model in the repository' })
  @ApiJsonBody('RepositoryIndexRequest', false)
  @ApiJsonResponse(200, 'RepositoryIndex', 'Each version with its state and reason.')
  @ApiErrors(400)
  async index(@RequestBody() body: Buffer): Promise<EncodedBody> {
    const ready = optionalObject(body).ready;
    if (ready !== undefined && typeof ready !== 'boolean')
      throw new InvalidInputError('"ready" must be a boolean');
    return EncodedBody.json(await this.repository.index(ready === true));
  }

  @Post('models/:model/load')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'repositoryLoad',
    summary: 'Load or reload a model, optionally uploading its files',
  })
  @ApiJsonBody('RepositoryLoadRequest', false)
  @ApiResponse({ status: 200, description: 'Loaded: every version READY (empty body).' })
  @ApiErrors(400, 413)
  async load(@Param('model') model: string, @RequestBody() body: Buffer): Promise<EncodedBody> {
    await this.repository.load(model, parameters(optionalObject(body)));
    return new EncodedBody(Buffer.alloc(0), 'application/json');
  }

  /** `parameters.unload_dependents` is accepted; Perch has no ensembles, so there are no dependents. */
  @Post('models/:model/unload')
  @HttpCode(200)
  @ApiOperation({ operationId: 'repositoryUnload', summary: 'Unload a model' })
  @ApiJsonBody('RepositoryLoadRequest', false)
  @ApiResponse({ status: 200, description: 'Unloaded (empty body).' })
  @ApiErrors(400)
  async unload(@Param('model') model: string, @RequestBody() body: Buffer): Promise<EncodedBody> {
    parameters(optionalObject(body));
    await this.repository.unload(model);
    return new EncodedBody(Buffer.alloc(0), 'application/json');
  }
}

/**
 * The JSON object body these endpoints take; an empty body means `{}`. Prototype keys are refused
 * here as in every other body: `parameters` keys name files to write.
 */
function optionalObject(body: Buffer | undefined): Record<string, unknown> {
  if (!body || body.length === 0) return {};
  const value = parseJsonBody(body);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidInputError('expected a JSON object');
  }
  const problem = jsonStructureProblem(value);
  if (problem) throw new InvalidInputError(problem);
  return value as Record<string, unknown>;
}

function parameters(request: Record<string, unknown>): Record<string, unknown> {
  const p = request.parameters ?? {};
  if (typeof p !== 'object' || p === null || Array.isArray(p))
    throw new InvalidInputError('"parameters" must be an object');
  return p as Record<string, unknown>;
}
