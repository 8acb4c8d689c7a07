export { environmentSchema, type Environment } from './environment.schema';
export { loadEnvironment, EnvironmentError } from './load-environment';
export { ConfigModule, ENVIRONMENT } from './config.module';
