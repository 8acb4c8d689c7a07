import { entityTag } from '@o2c/http';
import type { FastifyReply } from 'fastify';

/** Sets ETag (and Location for creations) from a presented resource. */
export function withResourceHeaders<T extends { id: string; version: number }>(
  reply: FastifyReply,
  resource: T,
  location?: string,
): T {
  void reply.header('etag', entityTag(resource.version));
  if (location) void reply.header('location', `${location}/${resource.id}`);
  return resource;
}
