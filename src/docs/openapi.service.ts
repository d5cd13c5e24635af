import { Inject, Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ModelNotFoundError, ModelNotReadyError } from '../common/errors/serving.errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { InferenceService } from '../inference/inference.service';
import { ModelRegistryService } from '../registry/model-registry.service';
import { DocumentedModel, modelOperations } from './model-operations';
import { completeDocument } from './openapi-document';

/**
 * The OpenAPI document as JSON: the routes (scanned once, on first use) plus one typed infer
 * operation per READY model version, rebuilt whenever what is served has changed since the last
 * request for it. Comparing the served metadata itself, rather than listening to lifecycle
 * events, cannot miss a change: an event fires before the registry table is updated.
 */
@Injectable()
export class OpenApiService {
  private scan?: () => OpenAPIObject;
  private routes?: OpenAPIObject;
  private last?: { readonly served: string; readonly json: Buffer };

  constructor(
    private readonly registry: ModelRegistryService,
    private readonly inference: InferenceService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Scanning needs the application itself, so createApp() hands the scan over. */
  scanRoutesWith(scan: () => OpenAPIObject): void {
    this.scan = scan;
    this.routes = undefined;
  }

  /** The document serialized, reused until the served models change. */
  json(): Buffer {
    const models = this.documentedModels();
    const served = JSON.stringify(models);
    if (this.last?.served !== served) {
      this.last = { served, json: Buffer.from(JSON.stringify(this.build(models))) };
    }
    return this.last.json;
  }

  private build(models: readonly DocumentedModel[]): OpenAPIObject {
    const routes = this.scannedRoutes();
    const perModel = modelOperations(models);
    return {
      ...routes,
      paths: { ...routes.paths, ...perModel.paths },
      components: {
        ...routes.components,
        schemas: { ...routes.components?.schemas, ...perModel.schemas },
      },
    };
  }

  private scannedRoutes(): OpenAPIObject {
    if (!this.routes) {
      if (!this.scan) throw new Error('OpenApiService: no route scan was handed over');
      this.routes = completeDocument(this.scan(), this.config);
    }
    return this.routes;
  }

  /** Every READY version with its metadata; a version unloaded meanwhile is left out. */
  private documentedModels(): DocumentedModel[] {
    return this.registry
      .list()
      .map((model) => ({
        name: model.name,
        versions: model.versions
          .filter((v) => v.state === 'READY')
          .flatMap((v) => {
            try {
              const meta = this.inference.modelMetadata(model.name, String(v.version));
              return [{ version: String(v.version), inputs: meta.inputs, outputs: meta.outputs }];
            } catch (e) {
              if (e instanceof ModelNotReadyError || e instanceof ModelNotFoundError) return [];
              throw e;
            }
          }),
      }))
      .filter((m) => m.versions.length > 0)
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
