// Public surface of @o2c/integration: add each capability's exports as it lands.

export {
  type BankAccountReference,
  type ControlTotal,
  type ParsedRemittanceFile,
  type PartyIdentifier,
  REMITTANCE_PAYMENT_METHODS,
  REFERENCE_KINDS,
  type ReferenceKind,
  type Remittance,
  type RemittanceAdjustment,
  REMITTANCE_FILE_FORMATS,
  REMITTANCE_KINDS,
  type RemittanceFileFormat,
  type RemittanceFileIdentity,
  type RemittanceKind,
  type RemittanceLine,
  type RemittancePayer,
  type RemittancePaymentMethod,
  type SkippedEntry,
} from './remittance-files/remittance.model';
export {
  isRemittanceFileError,
  RemittanceFileError,
  RemittanceFileErrorCode,
  type RemittanceFileLocation,
} from './remittance-files/remittance-file.error';
export {
  detectFormat,
  parseRemittanceFile,
  type ParseRemittanceFileOptions,
} from './remittance-files/remittance-file.parser';
export { payloadSha256, sha256Hex } from './remittance-files/remittance-file.identity';
export {
  toPayerEvidence,
  toPaymentToApply,
} from './remittance-files/remittance-to-cash-application.mapper';
