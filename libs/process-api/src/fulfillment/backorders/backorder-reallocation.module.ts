import { Global, Module } from '@nestjs/common';
import { INVENTORY_RECEIPT_LISTENER } from '@o2c/system-api';
import { CatalogueRepository } from '../../orders/persistence/catalogue.repository';
import { CustomerAccountRepository } from '../../orders/persistence/customer-account.repository';
import { OrderRecordsRepository } from '../../orders/persistence/order-records.repository';
import { ProcessLogRepository } from '../../orders/persistence/process-log.repository';
import { StockReservationRepository } from '../../orders/persistence/stock-reservation.repository';
import { BackorderCandidatesRepository } from './backorder-candidates.repository';
import { BackorderReallocation } from './backorder-reallocation.service';

/**
 * Provides the inventory system API's receipt listener (dependency inversion: the system layer
 * defines INVENTORY_RECEIPT_LISTENER and never imports this layer). Global so that the
 * inventory module, which does not import the process layer, can be given it.
 */
@Global()
@Module({
  providers: [
    BackorderCandidatesRepository,
    CatalogueRepository,
    CustomerAccountRepository,
    OrderRecordsRepository,
    ProcessLogRepository,
    StockReservationRepository,
    BackorderReallocation,
    { provide: INVENTORY_RECEIPT_LISTENER, useExisting: BackorderReallocation },
  ],
  exports: [INVENTORY_RECEIPT_LISTENER],
})
export class BackorderReallocationModule {}
