import type { PaymentStatus, RemittanceReferenceKind } from '@o2c/persistence';
import type { RemittanceFileFormat } from '@o2c/integration';

/** Request shapes of openapi/process/cash.v1.yaml (validated by the gateway before use). */

export interface PayerBody {
  customerId?: string;
  name?: string;
  account?: { iban?: string; number?: string; bankId?: string };
  identifiers?: { scheme: string; value: string }[];
  aliases?: string[];
}

export interface RemittanceLineBody {
  lineNumber?: number;
  invoiceId?: string;
  invoiceReference?: string;
  referenceKind?: RemittanceReferenceKind;
  amountPaid?: string;
  documentAmount?: string;
  discountTaken?: string;
  adjustments?: { amount: string; reasonCode?: string; description?: string }[];
  freeText?: string;
}

export interface PaymentBody {
  payer: PayerBody;
  amount: { amount: string; currency: string };
  method: 'ach' | 'wire' | 'check' | 'card' | 'lockbox' | 'other';
  valueDate: string;
  bankReference?: string;
  paymentReference?: string;
  remittanceLines?: RemittanceLineBody[];
  freeText?: string[];
}

export interface ApplicationBody {
  invoiceId: string;
  amount: string;
  discount?: string;
  writeOff?: string;
}

export interface ApplicationsBody {
  applications: ApplicationBody[];
  comment?: string;
}

export interface TaskApplicationsBody {
  applications: ApplicationBody[];
  remainder?: 'review' | 'on-account';
  comment?: string;
}

export interface SuggestionConfirmationBody {
  suggestionIds: string[];
  comment?: string;
}

export interface ReversalBody {
  applicationId: string;
  reason: string;
}

export interface PayerIdentificationBody {
  customerId: string;
  rememberAlias?: boolean;
  comment?: string;
}

export interface CashProfileBody {
  writeOffAbsolute: string;
  writeOffPercent: string;
  discountGraceDays: number;
}

export interface ImportFileQuery {
  format?: RemittanceFileFormat;
  fileName?: string;
}

export interface FilePaymentsQuery {
  limit: number;
  cursor?: string;
  status?: PaymentStatus[];
}
