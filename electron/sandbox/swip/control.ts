/**
 * The control API under /__control/ (JSON, no SWiP auth, loopback only by default): what the
 * customer's phone and the test harness do to the sandbox.
 *
 *   POST   /__control/open          {order, personalDiscountBp?}  the customer opens the order in the app
 *   POST   /__control/pay           {order, method?, pan?}  the customer pays SWiP's current total in the app
 *   POST   /__control/decline       {order, reason?}        the bank declines
 *   POST   /__control/markTerminal  {order}                 the customer chooses cash / terminal
 *   GET    /__control/orders/:ref                           the order (SWiP wire format)
 *   GET    /__control/ledger                                every order with its history
 *   POST   /__control/faults        Fault                   arm a fault
 *   DELETE /__control/faults                                clear faults
 *   POST   /__control/reset                                 forget orders and faults
 *
 * `order` is a SWiP order id, a session code (or its wallet path segment) or a merchantOrderId.
 */
import { z } from 'zod';
import type { Reply } from './api';
import { faultSchema } from './faults';
import { SandboxControlError } from './orders';
import type { SwipSandbox } from './server';

const orderRef = z.object({ order: z.string().min(1) });
const payBody = orderRef.extend({ method: z.enum(['CARD', 'APPLE_PAY', 'GOOGLE_PAY']).optional(), pan: z.string().optional() });
const openBody = orderRef.extend({ personalDiscountBp: z.number().int().min(0).max(10_000).optional() });
const declineBody = orderRef.extend({ reason: z.string().optional() });

export function handleControl(sb: SwipSandbox, method: string, path: string, raw: string): Reply {
  try {
    const body = raw.trim() === '' ? {} : (JSON.parse(raw) as unknown);
    const route = `${method} ${path.replace(/\/+$/, '')}`;
    if (route === 'POST /__control/open') {
      const b = openBody.parse(body);
      return done(sb, sb.open(b.order, b.personalDiscountBp));
    }
    if (route === 'POST /__control/pay') {
      const b = payBody.parse(body);
      return done(sb, sb.pay(b.order, { method: b.method, pan: b.pan }));
    }
    if (route === 'POST /__control/decline') {
      const b = declineBody.parse(body);
      return done(sb, sb.decline(b.order, b.reason));
    }
    if (route === 'POST /__control/markTerminal') return done(sb, sb.markTerminal(orderRef.parse(body).order));
    if (route === 'GET /__control/ledger') return { status: 200, body: sb.ledger() };
    if (route === 'POST /__control/faults') {
      sb.injectFault(faultSchema.parse(body));
      return { status: 200, body: { ok: true } };
    }
    if (route === 'DELETE /__control/faults') {
      sb.clearFaults();
      return { status: 200, body: { ok: true } };
    }
    if (route === 'POST /__control/reset') {
      sb.reset();
      return { status: 200, body: { ok: true } };
    }
    const m = /^GET \/__control\/orders\/(.+)$/.exec(route);
    if (m) {
      const order = sb.orderJson(decodeURIComponent(m[1] ?? ''));
      return order ? { status: 200, body: order } : { status: 404, body: { ok: false, error: 'not-found', message: 'no such order' } };
    }
    return { status: 404, body: { ok: false, error: 'not-found', message: `no control route ${route}` } };
  } catch (e) {
    if (e instanceof SandboxControlError) {
      return { status: e.reason === 'not-found' ? 404 : 409, body: { ok: false, error: e.reason, message: e.message } };
    }
    if (e instanceof z.ZodError || e instanceof SyntaxError) {
      return { status: 400, body: { ok: false, error: 'bad-request', message: e.message } };
    }
    throw e;
  }
}

function done(sb: SwipSandbox, orderId: string): Reply {
  return { status: 200, body: { ok: true, order: sb.orderJson(orderId) } };
}
