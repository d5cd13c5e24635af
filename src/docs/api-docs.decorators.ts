import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiResponse } from '@nestjs/swagger';
import { ERROR_MEANINGS, ErrorStatus } from './schemas/error-responses';
import { ProtocolSchemaName as SchemaName, ref } from './schemas/protocol.schemas';

/** The error answers a route can give, each as `{"error": "..."}`. */
export const ApiErrors = (...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: ERROR_MEANINGS[status], schema: ref('Error') }),
    ),
  );

/** A JSON answer of one of the protocol schemas. */
export const ApiJsonResponse = (
  status: number,
  schema: SchemaName,
  description: string,
): MethodDecorator & ClassDecorator => ApiResponse({ status, description, schema: ref(schema) });

/** A JSON request body of one of the protocol schemas (the controller itself reads raw bytes). */
export const ApiJsonBody = (schema: SchemaName, required = true): MethodDecorator =>
  ApiBody({ schema: ref(schema), required });
