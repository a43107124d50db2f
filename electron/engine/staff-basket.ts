import type { Basket } from '../checkout/basket';
import { IntentRefused, type KioskEngine } from './engine';
import type { SupervisionPorts } from './supervision-ports';

/** A staff edit of the customer's basket (void a line, set a quantity): never under a payment, journaled. The caller audits. */
export function editBasket(engine: KioskEngine, payments: SupervisionPorts['payments'], f: (b: Basket) => Basket): void {
  const e = engine;
  if (payments?.busy) throw new IntentRefused('payment-in-progress', 'finish or cancel the payment first');
  if (e.state !== 'shopping' && e.state !== 'checkout') throw new IntentRefused('basket-locked', 'no basket to edit');
  e.basket = f(e.basket);
  e.journal();
}
