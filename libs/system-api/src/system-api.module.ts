import { Module } from '@nestjs/common';
import { CustomersModule } from './customers/customers.module';

/** System APIs: canonical records (owner: ERP core team). */
@Module({
  imports: [CustomersModule],
})
export class SystemApiModule {}
