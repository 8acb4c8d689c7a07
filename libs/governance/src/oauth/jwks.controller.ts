import { Controller, Get, Header } from '@nestjs/common';
import { Operation } from '@o2c/contracts';
import { JwtKeyStore } from '../authentication/jwt-key.store';

@Controller('.well-known')
export class JwksController {
  constructor(private readonly keys: JwtKeyStore) {}

  /** Public keys only; verifiers may cache them for a few minutes between key rotations. */
  @Get('jwks.json')
  @Header('cache-control', 'public, max-age=300')
  @Operation('getJsonWebKeySet')
  jwks() {
    return this.keys.publicJwks();
  }
}
