import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { ContractBindingVerifier } from './contract-binding.verifier';
import { ContractRegistry } from './contract-registry';
import { ContractValidationInterceptor } from './contract-validation.interceptor';
import { ResponseContractInterceptor } from './response-contract.interceptor';

export interface ContractsModuleOptions {
  /** Check every successful response against its schema (staging; costs CPU per response). */
  validateResponses?: boolean;
}

@Global()
@Module({})
export class ContractsModule {
  static forRoot(registry: ContractRegistry, options: ContractsModuleOptions = {}): DynamicModule {
    return {
      module: ContractsModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: ContractRegistry, useValue: registry },
        ContractBindingVerifier,
        { provide: APP_INTERCEPTOR, useClass: ContractValidationInterceptor },
        ...(options.validateResponses
          ? [{ provide: APP_INTERCEPTOR, useClass: ResponseContractInterceptor }]
          : []),
      ],
      exports: [ContractRegistry, ContractBindingVerifier],
    };
  }
}
