import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { CurrencyColumn, MoneyColumn } from '../columns/column-types';
import type { DecimalString } from '../columns/decimal-string.transformer';
import { Invoice } from './invoice.entity';

/**
 * The open items of accounts receivable: exactly the invoices still owed, those with an open
 * balance whose status is issued, partially paid or disputed (paid invoices have no balance;
 * void and written-off ones are owed nothing), as the ERP's open-item index holds them. Whoever
 * asks for a customer's or the ledger's open invoices reads here, so the reading never grows
 * with the paid history and invoices need no index on their status. Each item carries what
 * those readers use of its invoice (number, dates, terms, total, open balance), so the hot
 * reads (cash application's ledgers, credit exposure) need not visit the invoice at all.
 *
 * Written only by the statement triggers on invoices (migration OpenItemLedger): an invoice
 * enters when issued with a balance or reopened, leaves when settled, written off or voided,
 * and follows any change of what it carries (a part payment lowers its open balance). Never
 * written by the application.
 */
@Entity({ name: 'receivable_open_items' })
export class ReceivableOpenItem {
  @PrimaryColumn({ type: 'uuid' })
  invoiceId!: string;

  @OneToOne(() => Invoice, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;

  @Index()
  @Column({ type: 'uuid' })
  customerId!: string;

  @Column({ type: 'text' })
  series!: string;

  /** bigint, as a string. */
  @Column({ type: 'bigint' })
  invoiceNumber!: string;

  @CurrencyColumn()
  currency!: string;

  @Column({ type: 'date' })
  issueDate!: string;

  @Index()
  @Column({ type: 'date' })
  dueDate!: string;

  @Column({ type: 'text' })
  paymentTerms!: string;

  @MoneyColumn()
  total!: DecimalString;

  @MoneyColumn()
  openBalance!: DecimalString;
}
