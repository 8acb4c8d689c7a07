/** The parts of an OpenAPI 3.1 document the gateway reads. */
export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Record<string, unknown>;
}

export interface OpenApiOperation {
  operationId?: string;
  summary?: string;
  parameters?: (OpenApiParameter | { $ref: string })[];
  requestBody?: {
    required?: boolean;
    content?: Record<string, { schema?: Record<string, unknown> }>;
  };
  responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
  security?: Record<string, string[]>[];
  'x-rate-limit'?: string | { limit: number; window: string };
  'x-idempotency'?: 'required' | 'optional' | 'none';
  [extension: string]: unknown;
}

export interface OpenApiDocument {
  openapi: string;
  info: {
    title: string;
    version: string;
    'x-api-id'?: string;
    'x-layer'?: string;
    'x-audience'?: string;
    'x-owner'?: { team?: string; contact?: string };
    'x-lifecycle'?: {
      status?: string;
      /** YYYY-MM-DD the API was deprecated (the Deprecation header's date). */
      deprecated?: string;
      sunset?: string;
      successor?: string;
    };
  };
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface ContractOperation {
  operationId: string;
  apiId: string;
  file: string;
  method: HttpMethod;
  /** As written in the contract: /system/v1/customers/{customerId} */
  path: string;
  /** The same path in router syntax: /system/v1/customers/:customerId */
  routePath: string;
  layer: string;
  audience: string;
  owner: string;
  lifecycle: { status: string; deprecated?: string; sunset?: string; successor?: string };
  security: Record<string, string[]>[];
  rateLimit: OpenApiOperation['x-rate-limit'];
  idempotency: 'required' | 'optional' | 'none';
  pointer: string;
  operation: OpenApiOperation;
}
