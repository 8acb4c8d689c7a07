/** Injection token of the gateway's own signing key (see signing-key.ts). */
export const SIGNING_KEY = Symbol('SIGNING_KEY');
