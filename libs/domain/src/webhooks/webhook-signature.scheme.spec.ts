import { createHmac, randomBytes } from 'node:crypto';
import {
  formatWebhookSecret,
  isWebhookSecret,
  parseSignatureHeader,
  signatureHeader,
  signaturesEqual,
  signedContent,
  timestampWithinTolerance,
  webhookSecretHint,
  webhookSecretKey,
} from './webhook-signature.scheme';

/** The Standard Webhooks reference vector (standard-webhooks spec, "Signature scheme"). */
const REFERENCE = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

function hmac(secret: string, content: string): string {
  return createHmac('sha256', Buffer.from(webhookSecretKey(secret), 'base64'))
    .update(content)
    .digest('base64');
}

describe('Standard Webhooks signature scheme', () => {
  it('reproduces the reference signature of the specification', () => {
    const content = signedContent(REFERENCE.id, REFERENCE.timestamp, REFERENCE.body);
    expect(content).toBe(`${REFERENCE.id}.${REFERENCE.timestamp}.${REFERENCE.body}`);
    expect(signatureHeader([hmac(REFERENCE.secret, content)])).toBe(REFERENCE.signature);
  });

  it('lists one v1 signature per secret in force, space-separated, in order', () => {
    expect(signatureHeader(['AAAA', 'BBBB'])).toBe('v1,AAAA v1,BBBB');
  });

  it.each([[[]], [['not base64!']], [['']], [['AAA']]])(
    'refuses to write a header from %j',
    (signatures) => {
      expect(() => signatureHeader(signatures)).toThrow(RangeError);
    },
  );

  it('refuses ids and timestamps that would make the signed text ambiguous', () => {
    expect(() => signedContent('', 1, '{}')).toThrow(RangeError);
    expect(() => signedContent('a.b', 1, '{}')).toThrow(RangeError);
    expect(() => signedContent('a b', 1, '{}')).toThrow(RangeError);
    expect(() => signedContent('id', 1.5, '{}')).toThrow(RangeError);
    expect(() => signedContent('id', -1, '{}')).toThrow(RangeError);
    expect(signedContent('0b6f4c7e-5a1d-4a57-9f0e-3f1c2d3e4f50', 0, '')).toBe(
      '0b6f4c7e-5a1d-4a57-9f0e-3f1c2d3e4f50.0.',
    );
  });

  it('parses a header as receivers do, skipping malformed entries', () => {
    expect(parseSignatureHeader('v1,abc= v1a,def  v2,ghi ,x y, v1,')).toEqual([
      { version: 'v1', signature: 'abc=' },
      { version: 'v1a', signature: 'def' },
      { version: 'v2', signature: 'ghi' },
    ]);
    expect(parseSignatureHeader('')).toEqual([]);
  });

  it('recognises well-formed secrets: whsec_ and base64 of 24 to 64 bytes', () => {
    expect(isWebhookSecret(REFERENCE.secret)).toBe(true);
    for (const bytes of [24, 32, 48, 64]) {
      expect(isWebhookSecret(`whsec_${randomBytes(bytes).toString('base64')}`)).toBe(true);
    }
    for (const bytes of [0, 16, 23, 65]) {
      expect(isWebhookSecret(`whsec_${randomBytes(bytes).toString('base64')}`)).toBe(false);
    }
    expect(isWebhookSecret(REFERENCE.secret.slice('whsec_'.length))).toBe(false);
    expect(isWebhookSecret('whsec_not*base64*at*all*but*long*enough*')).toBe(false);
    expect(isWebhookSecret('whsec_')).toBe(false);
  });

  it('formats a secret from its key and gives the key back', () => {
    const key = randomBytes(32).toString('base64');
    const secret = formatWebhookSecret(key);
    expect(secret).toBe(`whsec_${key}`);
    expect(webhookSecretKey(secret)).toBe(key);
    expect(() => formatWebhookSecret(randomBytes(8).toString('base64'))).toThrow(RangeError);
    expect(() => webhookSecretKey('sk_live_123')).toThrow(RangeError);
  });

  it('hints at a secret without revealing it', () => {
    expect(webhookSecretHint(REFERENCE.secret)).toBe('whsec_…LaSw');
  });

  it('checks a timestamp against the receiver clock with a tolerance (5 minutes by default)', () => {
    const now = 1_700_000_000_000;
    expect(timestampWithinTolerance(1_700_000_000, now)).toBe(true);
    expect(timestampWithinTolerance(1_700_000_300, now)).toBe(true);
    expect(timestampWithinTolerance(1_699_999_700, now)).toBe(true);
    expect(timestampWithinTolerance(1_700_000_301, now)).toBe(false);
    expect(timestampWithinTolerance(1_699_999_699, now)).toBe(false);
    expect(timestampWithinTolerance(1_700_000_010, now, 5)).toBe(false);
    expect(timestampWithinTolerance(Number.NaN, now)).toBe(false);
  });

  it('compares signatures whatever their lengths', () => {
    expect(signaturesEqual('abc', 'abc')).toBe(true);
    expect(signaturesEqual('abc', 'abd')).toBe(false);
    expect(signaturesEqual('abc', 'ab')).toBe(false);
    expect(signaturesEqual('ab', 'abc')).toBe(false);
    expect(signaturesEqual('', '')).toBe(true);
  });
});
