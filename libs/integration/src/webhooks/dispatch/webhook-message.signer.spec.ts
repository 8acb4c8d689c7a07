import { createHmac } from 'node:crypto';
import { webhookBody, webhookHeaders } from './webhook-message.signer';

const message = {
  id: '3f0e0a7c-8c7a-4f4e-9a55-6f1d2a1b2c3d',
  eventType: 'order.released',
  occurredAt: new Date('2026-03-01T10:00:00.000Z'),
  payload: { orderId: 'o-1', lines: [{ lineNumber: 1, quantity: '2.5' }] },
};
const first = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
const second = `whsec_${Buffer.alloc(32, 2).toString('base64')}`;

function expected(secret: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return createHmac('sha256', key).update(`${message.id}.${timestamp}.${body}`).digest('base64');
}

describe('webhook message signing', () => {
  it('sends the Standard Webhooks payload shape, the same bytes every time', () => {
    const body = webhookBody(message);
    expect(JSON.parse(body)).toEqual({
      type: 'order.released',
      timestamp: '2026-03-01T10:00:00.000Z',
      data: message.payload,
    });
    expect(webhookBody(message)).toBe(body);
  });

  it('signs id.timestamp.body with each secret in force, timestamp in whole seconds', () => {
    const body = webhookBody(message);
    const headers = webhookHeaders(message, body, [first, second], 1_772_359_200_999);
    expect(headers).toEqual({
      'content-type': 'application/json',
      'user-agent': 'o2c-gateway-webhooks/1.0',
      'webhook-id': message.id,
      'webhook-timestamp': '1772359200',
      'webhook-signature': `v1,${expected(first, 1_772_359_200, body)} v1,${expected(second, 1_772_359_200, body)}`,
    });
  });
});
