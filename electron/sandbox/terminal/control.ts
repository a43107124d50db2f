/**
 * The control API under /__control/ (JSON, loopback only by default): what the customer at the
 * terminal, the acquirer and the network do, for the page, tests and demos.
 *
 *   GET  /__control/state                              what the terminal shows (the page polls it)
 *   GET  /__control/ledger                             every payment with its money and history
 *   POST /__control/insert-card  {pan?, contactless?}  the customer inserts (or taps) a card
 *   POST /__control/enter-pin    {pin}                 the customer enters a PIN and confirms
 *   POST /__control/approve                            the issuer approves
 *   POST /__control/decline      {reason}              insufficient-funds | card-removed | wrong-pin | cancelled
 *   POST /__control/timeout                            the running payment times out now
 *   POST /__control/auto         {outcome, afterMs} | {outcome: null}   play the customer automatically
 *   POST /__control/delay        {ms, times?}          the next answers on /nexo come late
 *   POST /__control/lose-answer  {times?}              the next payment answers are lost after the outcome
 *   POST /__control/offline      {mode, forMs?}        refused | unreachable
 *   POST /__control/online                             back on the network
 *   POST /__control/host         {reachable}           the acquirer host is (un)reachable
 *   POST /__control/maintenance  {on}                  the terminal is in maintenance (payments Busy)
 *   POST /__control/reset                              forget ledger, ServiceIDs and faults
 */
import { z } from 'zod';
import type { TerminalSimulator } from './server';
import { TerminalStateError } from './terminal';

export interface ControlReply {
  status: number;
  body: unknown;
  /** Runs once the reply has been sent (going offline closes the port behind it). */
  after?: () => Promise<void>;
}

const declineReason = z.enum(['insufficient-funds', 'card-removed', 'wrong-pin', 'cancelled']);
const schemas = {
  card: z.object({ pan: z.string().regex(/^\d{12,19}$/).optional(), contactless: z.boolean().optional() }),
  pin: z.object({ pin: z.string().regex(/^\d{4,12}$/) }),
  decline: z.object({ reason: declineReason }),
  auto: z.union([z.object({ outcome: z.union([z.literal('approve'), declineReason]), afterMs: z.number().int().nonnegative() }), z.object({ outcome: z.null() })]),
  delay: z.object({ ms: z.number().int().nonnegative().max(600_000), times: z.number().int().positive().optional() }),
  lose: z.object({ times: z.number().int().positive().optional() }),
  offline: z.object({ mode: z.enum(['refused', 'unreachable']), forMs: z.number().int().positive().optional() }),
  host: z.object({ reachable: z.boolean() }),
  maintenance: z.object({ on: z.boolean() }),
};

export async function handleControl(sim: TerminalSimulator, method: string, path: string, raw: string): Promise<ControlReply> {
  const t = sim.terminal;
  try {
    const body = raw.trim() === '' ? {} : (JSON.parse(raw) as unknown);
    const ok = (): ControlReply => ({ status: 200, body: { ok: true, state: sim.view() } });
    switch (`${method} ${path}`) {
      case 'GET /__control/state':
        return { status: 200, body: sim.view() };
      case 'GET /__control/ledger':
        return { status: 200, body: sim.ledger() };
      case 'POST /__control/insert-card':
        t.insertCard(schemas.card.parse(body));
        return ok();
      case 'POST /__control/enter-pin':
        t.enterPin(schemas.pin.parse(body).pin);
        return ok();
      case 'POST /__control/approve':
        t.approve();
        return ok();
      case 'POST /__control/decline':
        t.decline(schemas.decline.parse(body).reason);
        return ok();
      case 'POST /__control/timeout':
        t.timeout();
        return ok();
      case 'POST /__control/auto': {
        const b = schemas.auto.parse(body);
        t.auto = b.outcome === null ? null : { outcome: b.outcome, afterMs: b.afterMs };
        return ok();
      }
      case 'POST /__control/delay': {
        const b = schemas.delay.parse(body);
        sim.delayAnswers(b.ms, b.times);
        return ok();
      }
      case 'POST /__control/lose-answer':
        sim.loseNextAnswers(schemas.lose.parse(body).times);
        return ok();
      case 'POST /__control/offline': {
        const b = schemas.offline.parse(body);
        return { status: 200, body: { ok: true }, after: () => sim.goOffline(b.mode, b.forMs) };
      }
      case 'POST /__control/online':
        await sim.goOnline();
        return ok();
      case 'POST /__control/host':
        t.hostReachable = schemas.host.parse(body).reachable;
        return ok();
      case 'POST /__control/maintenance':
        t.maintenance = schemas.maintenance.parse(body).on;
        return ok();
      case 'POST /__control/reset':
        await sim.reset();
        return ok();
      default:
        return { status: 404, body: { ok: false, error: 'not-found', message: `no control route ${method} ${path}` } };
    }
  } catch (e) {
    if (e instanceof TerminalStateError) return { status: 409, body: { ok: false, error: 'wrong-state', message: e.message } };
    if (e instanceof z.ZodError || e instanceof SyntaxError) return { status: 400, body: { ok: false, error: 'bad-request', message: e.message } };
    throw e;
  }
}
