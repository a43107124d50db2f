/** Body validation for node routes: a zod failure becomes 400 `{ error: 'invalid-request', issues }`. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';

export interface Issue {
  path: string;
  message: string;
}

const logFields = new WeakMap<FastifyRequest, Record<string, unknown>>();

/** Adds non-secret fields (e.g. invoiceId) to the request's one access-log line. */
export function noteForLog(req: FastifyRequest, fields: Record<string, unknown>): void {
  logFields.set(req, { ...logFields.get(req), ...fields });
}

export function notesOf(req: FastifyRequest): Record<string, unknown> {
  return logFields.get(req) ?? {};
}

/** Parses `req.body`; on failure sends 400 and returns null. */
export function parseBody<S extends z.ZodType>(schema: S, req: FastifyRequest, reply: FastifyReply): z.infer<S> | null {
  return parseValue(schema, req.body, reply);
}

/** Parses any value taken from a request (e.g. a re-shaped body); on failure sends 400 and returns null. */
export function parseValue<S extends z.ZodType>(schema: S, value: unknown, reply: FastifyReply): z.infer<S> | null {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues: Issue[] = r.error.issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  void reply.code(400).send({ error: 'invalid-request', issues });
  return null;
}
