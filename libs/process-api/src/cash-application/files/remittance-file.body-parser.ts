import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { MAX_REMITTANCE_FILE_BYTES } from './import-remittance-file.use-case';

/** The one route that takes a file as its body. */
export const REMITTANCE_FILES_ROUTE = '/process/v1/remittance-files';

/** The media types the import accepts (see openapi/process/cash.v1.yaml). */
export const REMITTANCE_FILE_MEDIA_TYPES = [
  'application/xml',
  'text/xml',
  'text/plain',
  'application/vnd.bai2',
  'application/edi-x12',
  'application/octet-stream',
];

/**
 * Bank and remittance files arrive as raw bodies: these media types are read as bytes (up to
 * 50 MiB; beyond, 413) for the import route only. Every other route still speaks JSON alone
 * and answers 415 to them, as before.
 */
@Injectable()
export class RemittanceFileBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.addContentTypeParser(
      REMITTANCE_FILE_MEDIA_TYPES,
      { parseAs: 'buffer', bodyLimit: MAX_REMITTANCE_FILE_BYTES },
      (request, body, done) => {
        if (request.routeOptions.url !== REMITTANCE_FILES_ROUTE) {
          const refused = Object.assign(new Error('Send application/json'), {
            statusCode: 415,
            code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
          });
          done(refused, undefined);
          return;
        }
        done(null, body);
      },
    );
  }
}
