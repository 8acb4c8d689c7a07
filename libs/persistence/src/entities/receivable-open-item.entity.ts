import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Invoice } from './invoice.entity';

/**
 * The open items of accounts receivable: exactly the invoices still owed, those with an open
 * balance whose status is issued, partially paid or disputed (paid invoices have no balance;
 * void and written-off ones are owed nothing). Whoever asks for a customer's or the ledger's
 * open invoices starts here and joins invoices by id, so the reading never grows with the paid
 * history, and invoices need no index on their status.
 *
 * Written only by the statement triggers on invoices (migration OpenItemLedger): an invoice
 * enters when issued with a balance or reopened, leaves when settled, written off or voided,
 * and follows a change of customer or due date. Never written by the application.
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

  @Index()
  @Column({ type: 'date' })
  dueDate!: string;
}
