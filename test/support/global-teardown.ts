import { TEST_SERVER_URL_VARIABLE, TEST_TEMPLATE_VARIABLE, withAdminClient } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env[TEST_SERVER_URL_VARIABLE];
  const template = process.env[TEST_TEMPLATE_VARIABLE];
  if (serverUrl && template) {
    await withAdminClient(serverUrl, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    });
  }
  await globalThis.__O2C_EMBEDDED_STOP__?.();
}
