import { Body, Controller, Post } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import type { InventoryAdjustmentBody, InventoryReceiptBody } from './inventory.contract';
import { StockPostingsService } from './stock-postings.service';

@Controller('system/v1')
export class StockPostingsController {
  constructor(private readonly postings: StockPostingsService) {}

  @Post('inventory-receipts')
  @Operation('postInventoryReceipt')
  receive(@Body() body: InventoryReceiptBody) {
    return this.postings.receive(body);
  }

  @Post('inventory-adjustments')
  @Operation('postInventoryAdjustment')
  adjust(@Body() body: InventoryAdjustmentBody) {
    return this.postings.adjust(body);
  }
}
