import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import {
  type ContractOperation,
  HTTP_METHODS,
  type OpenApiDocument,
  type OpenApiOperation,
} from './contract-document';

export interface LoadedContract {
  file: string;
  uri: string;
  document: OpenApiDocument;
}

const NOT_CONTRACTS = new Set(['governance.yaml']);

function yamlFiles(directory: string): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((name) => {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) return name === 'released' ? [] : yamlFiles(path);
      return /\.ya?ml$/.test(name) && !NOT_CONTRACTS.has(name) ? [path] : [];
    });
}

/** Reads every contract under `directory` (released snapshots excluded). */
export function loadContractFiles(directory: string): LoadedContract[] {
  return yamlFiles(directory).map((path) => {
    const file = relative(directory, path);
    const document = parse(readFileSync(path, 'utf8')) as OpenApiDocument;
    if (!document?.openapi?.startsWith('3.1')) {
      throw new Error(`${file}: not an OpenAPI 3.1 document`);
    }
    return { file, uri: `contract:${file}`, document };
  });
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Flattens the operations of one contract, with the governance metadata they inherit. */
export function operationsOf(contract: LoadedContract): ContractOperation[] {
  const { document, file } = contract;
  const info = document.info;
  const operations: ContractOperation[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as OpenApiOperation | undefined;
      if (!operation) continue;
      if (!operation.operationId)
        throw new Error(`${file}: ${method.toUpperCase()} ${path} has no operationId`);
      operations.push({
        operationId: operation.operationId,
        apiId: info['x-api-id'] ?? file,
        file,
        method: method,
        path,
        routePath: path.replace(/\{([^}]+)\}/g, ':$1'),
        layer: info['x-layer'] ?? 'unknown',
        audience: info['x-audience'] ?? 'unknown',
        owner: info['x-owner']?.team ?? 'unknown',
        lifecycle: {
          status: info['x-lifecycle']?.status ?? 'active',
          ...(info['x-lifecycle']?.deprecated
            ? { deprecated: info['x-lifecycle'].deprecated }
            : {}),
          ...(info['x-lifecycle']?.sunset ? { sunset: info['x-lifecycle'].sunset } : {}),
          ...(info['x-lifecycle']?.successor ? { successor: info['x-lifecycle'].successor } : {}),
        },
        security: operation.security ?? [],
        rateLimit: operation['x-rate-limit'],
        idempotency: operation['x-idempotency'] ?? 'none',
        pointer: `#/paths/${escapePointer(path)}/${method}`,
        operation,
      });
    }
  }
  return operations;
}
