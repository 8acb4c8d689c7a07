import { randomBytes, scryptSync } from 'node:crypto';
import {
  decoySecretHash,
  generateClientSecret,
  hashClientSecret,
  verifyClientSecret,
} from './client-secret.hasher';

describe('client secrets', () => {
  it('are 32 random bytes in base64url', () => {
    const secrets = new Set(Array.from({ length: 20 }, generateClientSecret));
    expect(secrets.size).toBe(20);
    for (const secret of secrets) {
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    }
  });

  it('hash to a self-describing scrypt string with a per-secret salt', async () => {
    const secret = generateClientSecret();
    const [first, second] = await Promise.all([hashClientSecret(secret), hashClientSecret(secret)]);
    expect(first).toMatch(/^scrypt\$N=16384,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain(secret);
  });

  it('verify only the secret they were made from', async () => {
    const secret = generateClientSecret();
    const hash = await hashClientSecret(secret);
    await expect(verifyClientSecret(secret, hash)).resolves.toBe(true);
    await expect(verifyClientSecret(`${secret}x`, hash)).resolves.toBe(false);
    await expect(verifyClientSecret('', hash)).resolves.toBe(false);
    await expect(verifyClientSecret(secret, await decoySecretHash())).resolves.toBe(false);
  });

  it('honour the parameters stored with a hash, so the cost can rise later', async () => {
    const secret = generateClientSecret();
    const salt = randomBytes(16);
    const key = scryptSync(secret, salt, 32, { N: 1024, r: 8, p: 1 });
    const older = `scrypt$N=1024,r=8,p=1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    await expect(verifyClientSecret(secret, older)).resolves.toBe(true);
    await expect(verifyClientSecret(secret, older.replace('N=1024', 'N=2048'))).resolves.toBe(
      false,
    );
  });

  it.each([
    ['an empty string', ''],
    ['another algorithm', 'bcrypt$2b$10$abc'],
    ['N not a power of two', 'scrypt$N=1000,r=8,p=1$AAAA$AAAA'],
    ['an excessive N', 'scrypt$N=67108864,r=8,p=1$AAAA$AAAA'],
    ['an excessive r', 'scrypt$N=16384,r=1000,p=1$AAAA$AAAA'],
  ])('never match a malformed stored hash (%s)', async (_case, stored) => {
    await expect(verifyClientSecret('anything', stored)).resolves.toBe(false);
  });
});
