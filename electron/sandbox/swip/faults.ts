/** Injected faults: each matches a path prefix (all API paths when omitted) a number of times (unlimited when omitted). */
import { z } from 'zod';
import type { Fault } from './types';

interface Armed {
  fault: Fault;
  left: number;
}

export class FaultList {
  private armed: Armed[] = [];

  add(f: Fault): void {
    this.armed.push({ fault: f, left: f.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.armed = [];
  }

  /** The first armed fault for this path, used up once; at most one fault acts on a request. */
  take(path: string): Fault | undefined {
    const hit = this.armed.find((a) => a.left > 0 && (a.fault.path === undefined || path.startsWith(a.fault.path)));
    if (!hit) return undefined;
    hit.left -= 1;
    this.armed = this.armed.filter((a) => a.left > 0);
    return hit.fault;
  }
}

const common = { path: z.string().optional(), times: z.number().int().positive().optional() };

/** Validates a fault sent to the control API. */
export const faultSchema: z.ZodType<Fault> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('delay'), ms: z.number().int().nonnegative(), ...common }),
  z.object({
    kind: z.literal('status'),
    status: z.union([z.literal(500), z.literal(429), z.literal(503)]),
    retryAfterS: z.number().nonnegative().optional(),
    ...common,
  }),
  z.object({ kind: z.literal('drop'), ...common }),
  z.object({ kind: z.literal('lose-response'), ...common }),
  z.object({ kind: z.literal('malformed'), body: z.string(), ...common }),
  z.object({ kind: z.literal('order-status'), value: z.string().min(1), ...common }),
]);
