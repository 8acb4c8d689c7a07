import { startTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});

afterAll(async () => {
  await gateway?.close();
});

function sampleCount(metrics: string, labels: string): number {
  const line = metrics
    .split('\n')
    .find((row) => row.startsWith(`o2c_http_request_duration_seconds_count{${labels}}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('GET /metrics on the gateway', () => {
  it('serves Prometheus text without a token', async () => {
    const response = await gateway.anonymous().get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(response.text).toContain('# TYPE o2c_http_request_duration_seconds histogram');
    expect(response.text).toContain('o2c_process_cpu_user_seconds_total');
  });

  it('times requests by contract operation and status, rejected ones included', async () => {
    await gateway.http().get('/system/v1/customers?limit=1').expect(200);
    await gateway.http().get('/system/v1/customers?limit=1').expect(200);
    await gateway.anonymous().get('/system/v1/customers').expect(401);
    await gateway
      .http()
      .get('/system/v1/customers/00000000-0000-4000-8000-000000000000')
      .expect(404);
    await gateway.anonymous().get('/no/such/path').expect(404);

    const metrics = (await gateway.anonymous().get('/metrics')).text;
    expect(sampleCount(metrics, 'operation="listCustomers",method="GET",status="200"')).toBe(2);
    expect(sampleCount(metrics, 'operation="listCustomers",method="GET",status="401"')).toBe(1);
    expect(sampleCount(metrics, 'operation="getCustomer",method="GET",status="404"')).toBe(1);
    expect(sampleCount(metrics, 'operation="unmatched",method="GET",status="404"')).toBe(1);
    expect(metrics).toMatch(
      /o2c_http_request_duration_seconds_bucket\{le="0\.25",operation="listCustomers",method="GET",status="200"\} 2/,
    );
  });
});
