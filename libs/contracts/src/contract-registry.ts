import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FieldError } from '@o2c/http';
import {
  type ContractOperation,
  type OpenApiDocument,
  type OpenApiParameter,
} from './contract-document';
import { validateContractGovernance } from './governance/contract-governance.validator';
import { type GovernanceCatalogue, loadGovernance } from './governance/governance-catalogue';
import { toFieldErrors } from './field-errors.mapper';
import { enforceReadOnly, requestViewOf } from './read-only.rule';
import {
  escapePointer,
  type LoadedContract,
  loadContractFiles,
  operationsOf,
} from './contract-loader';

interface RequestValidators {
  params?: ValidateFunction;
  query?: ValidateFunction;
  body?: ValidateFunction;
  bodyRequired: boolean;
}

export interface RequestParts {
  params?: unknown;
  query?: unknown;
  body?: unknown;
}

/** The `default` of a parameter schema, following a local $ref to components.schemas. */
function defaultOf(
  document: OpenApiDocument,
  schema: Record<string, unknown>,
): { default?: unknown } {
  const ref = typeof schema.$ref === 'string' ? schema.$ref : undefined;
  const target = ref?.startsWith('#/components/schemas/')
    ? (document.components?.schemas?.[ref.slice('#/components/schemas/'.length)] as
        Record<string, unknown> | undefined)
    : schema;
  return target && 'default' in target ? { default: target.default } : {};
}

function newAjv(coerce: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    coerceTypes: coerce ? 'array' : false,
    useDefaults: coerce,
    validateSchema: false,
  });
  addFormats(ajv);
  return ajv;
}

/**
 * Every contract under openapi/, with request and response validators compiled once at start-up.
 * Handlers bind to operations by operationId (see @Operation).
 */
export class ContractRegistry {
  /** Responses (and nothing else): readOnly is an annotation there. */
  private readonly bodyAjv = newAjv(false);
  /** Request bodies: readOnly properties are refused and never required. */
  private readonly requestBodyAjv = enforceReadOnly(newAjv(false));
  private readonly parameterAjv = newAjv(true);
  private readonly requests = new Map<string, RequestValidators>();
  private readonly responses = new Map<string, ValidateFunction>();
  readonly operations = new Map<string, ContractOperation>();

  constructor(
    readonly contracts: LoadedContract[],
    readonly governance: GovernanceCatalogue,
  ) {
    const problems = contracts.flatMap((contract) =>
      validateContractGovernance(contract, governance),
    );
    if (problems.length > 0) {
      throw new Error(`Contracts break governance rules:\n  - ${problems.join('\n  - ')}`);
    }
    for (const contract of contracts) {
      this.bodyAjv.addSchema(contract.document, contract.uri);
      this.requestBodyAjv.addSchema(requestViewOf(contract.document), contract.uri);
      this.parameterAjv.addSchema(contract.document, contract.uri);
    }
    for (const contract of contracts) {
      for (const operation of operationsOf(contract)) {
        const existing = this.operations.get(operation.operationId);
        if (existing) {
          throw new Error(
            `${operation.file}: operationId ${operation.operationId} is also used in ${existing.file}`,
          );
        }
        this.operations.set(operation.operationId, operation);
        this.requests.set(operation.operationId, this.compileRequest(contract, operation));
      }
    }
  }

  /** Loads openapi/ and governance.yaml; throws naming the file and operation of every problem. */
  static fromDirectory(directory: string): ContractRegistry {
    return new ContractRegistry(loadContractFiles(directory), loadGovernance(directory));
  }

  operation(operationId: string): ContractOperation | undefined {
    return this.operations.get(operationId);
  }

  /** Validates (and coerces query/path values in place) a request; returns the field errors. */
  validateRequest(operationId: string, request: RequestParts): FieldError[] {
    const validators = this.requests.get(operationId);
    if (!validators) throw new Error(`unknown operation ${operationId}`);
    const errors: FieldError[] = [];
    if (validators.params && !validators.params(request.params ?? {})) {
      errors.push(...toFieldErrors('path', validators.params.errors));
    }
    if (validators.query && !validators.query(request.query ?? {})) {
      errors.push(...toFieldErrors('query', validators.query.errors));
    }
    if (validators.body) {
      if (request.body === undefined || request.body === null) {
        if (validators.bodyRequired) {
          errors.push({ path: '/body', rule: 'required', message: 'a JSON body is required' });
        }
      } else if (!validators.body(request.body)) {
        errors.push(...toFieldErrors('body', validators.body.errors));
      }
    }
    return errors;
  }

  /** For tests and staging: does a response body match the contract for this status? */
  validateResponse(operationId: string, status: number, body: unknown): FieldError[] {
    const operation = this.operations.get(operationId);
    if (!operation) throw new Error(`unknown operation ${operationId}`);
    const contract = this.contracts.find((candidate) => candidate.file === operation.file);
    if (!contract) throw new Error(`no contract file for ${operationId}`);
    const responses = operation.operation.responses ?? {};
    const family = `${String(status)[0]}XX`;
    const statusKey = [String(status), family, 'default'].find((key) => key in responses);
    if (!statusKey) {
      return [
        {
          path: '/response',
          rule: 'status',
          message: `status ${status} is not declared by ${operationId}`,
        },
      ];
    }
    let pointer = `${operation.pointer}/responses/${escapePointer(statusKey)}`;
    let response = responses[statusKey] as { $ref?: string; content?: Record<string, unknown> };
    if (response.$ref) {
      pointer = response.$ref;
      const name = response.$ref.replace('#/components/responses/', '');
      response = contract.document.components?.responses?.[name] ?? {};
    }
    const mediaType = Object.keys(response.content ?? {})[0];
    if (!mediaType) {
      const empty =
        body === undefined ||
        body === null ||
        body === '' ||
        (typeof body === 'object' && Object.keys(body).length === 0);
      return empty ? [] : [{ path: '/response', rule: 'content', message: 'no body is declared' }];
    }
    const key = `${operationId} ${statusKey} ${mediaType}`;
    let validate = this.responses.get(key);
    if (!validate) {
      validate = this.bodyAjv.compile({
        $ref: `${contract.uri}${pointer}/content/${escapePointer(mediaType)}/schema`,
      });
      this.responses.set(key, validate);
    }
    return validate(body) ? [] : toFieldErrors('response', validate.errors);
  }

  private compileRequest(
    contract: LoadedContract,
    operation: ContractOperation,
  ): RequestValidators {
    const parameters = this.parametersOf(contract.document, operation);
    const schemaFor = (location: 'path' | 'query'): ValidateFunction | undefined => {
      const selected = parameters.filter(({ parameter }) => parameter.in === location);
      if (selected.length === 0 && location === 'path') return undefined;
      return this.parameterAjv.compile({
        type: 'object',
        properties: Object.fromEntries(
          selected.map(({ parameter, schemaPointer }) => [
            parameter.name,
            parameter.schema
              ? {
                  $ref: `${contract.uri}${schemaPointer}`,
                  // ajv applies defaults only where `default` sits beside the property itself.
                  ...defaultOf(contract.document, parameter.schema),
                }
              : {},
          ]),
        ),
        required: selected
          .filter(({ parameter }) => parameter.required || location === 'path')
          .map(({ parameter }) => parameter.name),
        // Unknown query parameters are rejected so typos do not silently widen a filter.
        additionalProperties: false,
      });
    };
    const jsonBody = operation.operation.requestBody?.content?.['application/json'];
    const bodyPointer = `${operation.pointer}/requestBody/content/application~1json/schema`;
    return {
      params: schemaFor('path'),
      query: schemaFor('query'),
      body: jsonBody?.schema
        ? this.requestBodyAjv.compile({ $ref: `${contract.uri}${bodyPointer}` })
        : undefined,
      bodyRequired: operation.operation.requestBody?.required ?? false,
    };
  }

  private parametersOf(
    document: OpenApiDocument,
    operation: ContractOperation,
  ): { parameter: OpenApiParameter; schemaPointer: string }[] {
    const pathPointer = `#/paths/${escapePointer(operation.path)}`;
    const pathItem = document.paths?.[operation.path] as { parameters?: unknown[] } | undefined;
    const declared = [
      ...(pathItem?.parameters ?? []).map((parameter, index) => ({
        parameter,
        pointer: `${pathPointer}/parameters/${index}`,
      })),
      ...(operation.operation.parameters ?? []).map((parameter, index) => ({
        parameter: parameter,
        pointer: `${operation.pointer}/parameters/${index}`,
      })),
    ];
    return declared.map(({ parameter, pointer }) => {
      const ref = (parameter as { $ref?: string }).$ref;
      if (!ref)
        return { parameter: parameter as OpenApiParameter, schemaPointer: `${pointer}/schema` };
      const name = ref.replace('#/components/parameters/', '');
      const resolved = document.components?.parameters?.[name] as OpenApiParameter | undefined;
      if (!resolved)
        throw new Error(`${operation.file}: ${operation.operationId} refers to missing ${ref}`);
      return { parameter: resolved, schemaPointer: `${ref}/schema` };
    });
  }
}
