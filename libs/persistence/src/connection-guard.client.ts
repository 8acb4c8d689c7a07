import { Client, type ClientConfig } from 'pg';

/**
 * The pg client every pool of the data source creates. A connection the server terminates
 * (restart, failover, `pg_terminate_backend`) makes the client emit 'error'; the pool listens
 * while the client is idle and TypeORM while it is in use, but an error arriving while the
 * client is being handed from one to the other (a connection killed just as it is checked out)
 * has no listener, and an unhandled 'error' event ends the process. This listener is always
 * there; the pool and TypeORM still discard the broken connection, and the failed query
 * rejects as usual.
 */
export class ConnectionGuardClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}
