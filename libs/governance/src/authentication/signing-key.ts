import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SigningKey {
  kid: string;
  algorithm: 'ES256';
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** RFC 7638-style thumbprint, shortened: stable across restarts for the same key. */
function keyId(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 22);
}

/**
 * The gateway's own P-256 key for the tokens it issues (client credentials, local tokens).
 * Created on first start when the file does not exist, so a fresh clone works; in production
 * mount a managed key at JWT_SIGNING_KEY_FILE.
 */
export function loadOrCreateSigningKey(file: string): SigningKey {
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), {
      mode: 0o600,
      flag: 'wx',
    });
  }
  const privateKey = createPrivateKey(readFileSync(file));
  if (
    privateKey.asymmetricKeyType !== 'ec' ||
    privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1'
  ) {
    throw new Error(`JWT_SIGNING_KEY_FILE ${file}: must hold a P-256 (ES256) private key`);
  }
  const publicKey = createPublicKey(privateKey);
  return { kid: keyId(publicKey), algorithm: 'ES256', privateKey, publicKey };
}
