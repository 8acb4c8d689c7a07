import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@o2c/config';
import { ContractRegistry, type LoadedContract } from '@o2c/contracts';
import { majorOf } from './contract-links';

export interface PublishedContract {
  apiId: string;
  major: number;
  audience: string;
  contract: LoadedContract;
  yaml: string;
  json: string;
  etag: string;
}

/** Each loaded contract as the files the gateway hands out, prepared once at start-up. */
@Injectable()
export class PublishedContracts {
  private readonly byKey = new Map<string, PublishedContract>();

  constructor(registry: ContractRegistry, @Inject(ENVIRONMENT) environment: Environment) {
    for (const contract of registry.contracts) {
      const info = contract.document.info;
      const apiId = info['x-api-id'] ?? contract.file;
      const major = majorOf(info.version);
      // The file as its owner wrote it (comments and order kept), not a re-serialisation.
      const yaml = readFileSync(join(environment.CONTRACTS_DIR, contract.file), 'utf8');
      this.byKey.set(`${apiId}/${major}`, {
        apiId,
        major,
        audience: info['x-audience'] ?? 'internal',
        contract,
        yaml,
        json: JSON.stringify(contract.document),
        etag: `"${createHash('sha256').update(yaml).digest('base64url').slice(0, 27)}"`,
      });
    }
  }

  find(apiId: string, major: number): PublishedContract | undefined {
    return this.byKey.get(`${apiId}/${major}`);
  }

  all(): PublishedContract[] {
    return [...this.byKey.values()];
  }
}
