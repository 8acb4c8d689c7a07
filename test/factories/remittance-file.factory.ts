/** One credit of a BAI2 file: an ACH payment with its payer and, optionally, its RMR lines. */
export interface Bai2Credit {
  /** In cents (USD minor units). */
  readonly cents: bigint;
  readonly bankReference: string;
  /** The payer's trace number (customer reference field); none when absent. */
  readonly customerReference?: string;
  readonly payerName?: string;
  /** The payer's bank account (DACT). */
  readonly payerAccount?: string;
  /** Our customer number as the payer quotes it (IND ID). */
  readonly customerNumber?: string;
  /** Remittance lines as RMR segments: the reference and the amount paid ("1250.00"). */
  readonly documents?: readonly { reference: string; amount: string }[];
  /** Unstructured remittance text (REMI). */
  readonly text?: string;
}

export interface Bai2FileOptions {
  /** The file identification number (record 01, field 6): the file's own id. */
  readonly fileId: string;
  readonly credits: readonly Bai2Credit[];
  /** Adds this many cents to the declared file total (a file made to fail). */
  readonly fileTotalError?: bigint;
  readonly asOfDate?: string;
}

/**
 * A BAI2 file of ACH credits to one USD account, with every control total computed (account
 * 49, group 98, file 99: sums and record counts). Records end with '/', one per line; remittance
 * details follow each 16 record in 88 continuations.
 */
export function bai2File(options: Bai2FileOptions): string {
  const date = options.asOfDate ?? '260306';
  const accountRecords: string[] = ['03,0012345678,USD/'];
  let total = 0n;
  for (const credit of options.credits) {
    total += credit.cents;
    const text = [
      credit.payerName === undefined ? null : `ORIG CO NAME:${credit.payerName}`,
      credit.customerNumber === undefined ? null : `IND ID:${credit.customerNumber}`,
    ]
      .filter((part): part is string => part !== null)
      .join(' ');
    accountRecords.push(
      `16,165,${credit.cents},0,${credit.bankReference},${credit.customerReference ?? ''},${text}/`,
    );
    if (credit.payerAccount !== undefined) accountRecords.push(`88,DACT: ${credit.payerAccount}/`);
    if (credit.text !== undefined) accountRecords.push(`88,REMI: ${credit.text}/`);
    const documents = credit.documents ?? [];
    for (let from = 0; from < documents.length; from += 4) {
      const segments = documents
        .slice(from, from + 4)
        .map((document) => `RMR*IV*${document.reference}*PI*${document.amount}\\`)
        .join('');
      accountRecords.push(`88,${segments}`);
    }
  }
  accountRecords.push(`49,${total},${accountRecords.length + 1}/`);
  const groupRecords = [
    `02,O2CDIST,RIVERBANK,1,${date},0700,USD,2/`,
    ...accountRecords,
    `98,${total},1,${accountRecords.length + 2}/`,
  ];
  const fileTotal = total + (options.fileTotalError ?? 0n);
  return [
    `01,RIVERBANK,O2CDIST,${date},0700,${options.fileId},,,2/`,
    ...groupRecords,
    `99,${fileTotal},1,${groupRecords.length + 2}/`,
  ].join('\n');
}

/** Decimal string ("1250.00") to cents, without floats. */
export function centsOf(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
}
