export { SystemApiModule } from './system-api.module';
export { CustomersController } from './customers/customers.controller';
