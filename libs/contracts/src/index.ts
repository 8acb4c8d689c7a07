export type { ContractOperation, OpenApiDocument, OpenApiOperation } from './contract-document';
export { loadContractFiles, operationsOf, type LoadedContract } from './contract-loader';
export { ContractRegistry, type RequestParts } from './contract-registry';
export { toFieldErrors } from './field-errors.mapper';
export { READ_ONLY_MESSAGE } from './read-only.rule';
export { Operation, OPERATION_ID } from './operation.decorator';
export { ContractValidationInterceptor } from './contract-validation.interceptor';
export { ContractBindingVerifier, type BoundRoute } from './contract-binding.verifier';
export { ContractsModule, type ContractsModuleOptions } from './contracts.module';
export {
  ResponseContractInterceptor,
  CONTRACT_VIOLATIONS_HEADER,
} from './response-contract.interceptor';
export { validateContractGovernance } from './governance/contract-governance.validator';
export {
  loadGovernance,
  parseGovernance,
  windowToMs,
  type GovernanceCatalogue,
  type ConsumerPlan,
  type OwnerTeam,
  type RateLimitWindow,
} from './governance/governance-catalogue';
