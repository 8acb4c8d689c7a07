import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { ApiClient } from '@o2c/persistence';
import { ApiClientRepository } from './api-client.repository';
import { decoySecretHash, verifyClientSecret } from './client-secret.hasher';
import { usableSecretHashes } from './secret-rotation.policy';

export type ClientAuthentication =
  | { outcome: 'authenticated'; client: ApiClient }
  /** The secret is right but the client was revoked: only its holder can learn that. */
  | { outcome: 'revoked'; client: ApiClient }
  | { outcome: 'rejected' };

/** Longer values cannot be ours; refusing them early bounds the work an anonymous caller causes. */
const MAX_CLIENT_ID = 128;
const MAX_SECRET = 256;

/**
 * Checks a client id and secret. An unknown client is verified against a decoy hash so that it
 * costs the same scrypt derivation as a wrong secret: response time does not reveal which
 * client ids exist.
 */
@Injectable()
export class ApiClientCredentialsVerifier implements OnModuleInit {
  constructor(private readonly clients: ApiClientRepository) {}

  /** Made at start-up, so that the first unknown client does not pay for it either. */
  async onModuleInit(): Promise<void> {
    await decoySecretHash();
  }

  async authenticate(clientId: string, secret: string): Promise<ClientAuthentication> {
    const plausible = clientId.length <= MAX_CLIENT_ID && secret.length <= MAX_SECRET;
    const client = plausible ? await this.clients.findByClientId(clientId) : null;
    const hashes = client
      ? usableSecretHashes(client.secretHashes, new Date()).map((s) => s.hash)
      : [];
    const candidates = hashes.length > 0 ? hashes : [await decoySecretHash()];
    // Every candidate is checked (no early exit), in parallel on the libuv pool.
    const matches = await Promise.all(
      candidates.map((hash) => verifyClientSecret(plausible ? secret : '', hash)),
    );
    if (!client || !plausible || hashes.length === 0 || !matches.includes(true)) {
      return { outcome: 'rejected' };
    }
    return client.status === 'active'
      ? { outcome: 'authenticated', client }
      : { outcome: 'revoked', client };
  }
}
