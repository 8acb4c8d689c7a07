import { Module } from '@nestjs/common';
import { ItemRepository } from './item.repository';
import { ItemsController } from './items.controller';
import { ItemsService } from './items.service';
import { PriceAgreementRepository } from './price-agreement.repository';
import { PriceAgreementsController } from './price-agreements.controller';
import { PriceAgreementsService } from './price-agreements.service';

/** Item master and customer price agreements (openapi/system/catalog.v1.yaml). */
@Module({
  controllers: [ItemsController, PriceAgreementsController],
  providers: [ItemRepository, ItemsService, PriceAgreementRepository, PriceAgreementsService],
})
export class CatalogModule {}
