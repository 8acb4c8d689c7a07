import type { Principal } from '../principal/principal';

/**
 * Principals of tokens whose signature and claims were already verified, by the exact token
 * text, until the token expires. Clients reuse a token for its whole lifetime, and verifying
 * an ES256 signature is the largest cost of an authenticated request; identical bytes verify
 * identically, so a hit skips only work whose answer is known. Bounded: the oldest entry goes
 * first when full.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Principal>();

  constructor(private readonly capacity = 10_000) {}

  get(token: string, now: number): Principal | undefined {
    const principal = this.entries.get(token);
    if (!principal) return undefined;
    if (principal.expiresAt === undefined || principal.expiresAt <= now) {
      this.entries.delete(token);
      return undefined;
    }
    return principal;
  }

  set(token: string, principal: Principal, now: number): void {
    if (principal.expiresAt === undefined || principal.expiresAt <= now) return;
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, principal);
  }

  get size(): number {
    return this.entries.size;
  }
}
