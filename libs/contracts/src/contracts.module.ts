import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { ContractBindingVerifier } from './contract-binding.verifier';
import { ContractRegistry } from './contract-registry';
import { ContractValidationInterceptor } from './contract-validation.interceptor';

@Global()
@Module({})
export class ContractsModule {
  static forRoot(registry: ContractRegistry): DynamicModule {
    return {
      module: ContractsModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: ContractRegistry, useValue: registry },
        ContractBindingVerifier,
        { provide: APP_INTERCEPTOR, useClass: ContractValidationInterceptor },
      ],
      exports: [ContractRegistry, ContractBindingVerifier],
    };
  }
}
