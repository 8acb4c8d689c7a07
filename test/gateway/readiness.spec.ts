import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { TEST_SERVER_URL_VARIABLE, withAdminClient } from '../support/test-database';

describe('health', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  it('is live and ready while the database answers', async () => {
    await gateway.http().get('/health/live').expect(200);
    const ready = await gateway.http().get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('stays live but is not ready while the database is unreachable', async () => {
    const serverUrl = process.env[TEST_SERVER_URL_VARIABLE] ?? '';
    // Cut every connection and refuse new ones, as during a database outage.
    await withAdminClient(serverUrl, async (client) => {
      await client.query(`ALTER DATABASE "${gateway.database.name}" ALLOW_CONNECTIONS false`);
      await client.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1',
        [gateway.database.name],
      );
    });
    try {
      await gateway.http().get('/health/live').expect(200);
      const notReady = await gateway.http().get('/health/ready');
      expect(notReady.status).toBe(503);
      expect(notReady.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(notReady.body).toMatchObject({
        code: 'SERVICE.UNAVAILABLE',
        checks: { database: { status: 'down' } },
      });
    } finally {
      await withAdminClient(serverUrl, (client) =>
        client.query(`ALTER DATABASE "${gateway.database.name}" ALLOW_CONNECTIONS true`),
      );
    }
    // And ready again once it is back.
    let status = 0;
    for (let attempt = 0; attempt < 20 && status !== 200; attempt += 1) {
      status = (await gateway.http().get('/health/ready')).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
  });
});
