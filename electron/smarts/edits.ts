/**
 * Supervisor edits of a Smarts cart: change a product's quantity or remove it. The result is
 * the `products` list of the PurchaseControlResult. Prices are left as Smarts sent them: Smarts
 * recalculates the invoice from its own prices (inferred; the docs only say the supervisor "is
 * able to make changes"), and Kassa never scales euro doubles.
 */
import type { SmartsProduct } from './schemas';

/** Quantity in the product's own Smarts unit (pieces, kilograms, ...); `remove` drops the product. */
export type CartEdit = { productId: string; quantity: number } | { productId: string; remove: true };

export class CartEditError extends Error {
  override readonly name = 'CartEditError';
  constructor(
    readonly code: 'unknown-product' | 'bad-quantity',
    message: string,
  ) {
    super(message);
  }
}

/** Applies edits in order to a copy of `products`; the input is not changed. */
export function editCart(products: readonly SmartsProduct[], edits: readonly CartEdit[]): SmartsProduct[] {
  let out = products.map((p) => structuredClone(p));
  for (const e of edits) {
    if (!out.some((p) => p.id === e.productId)) throw new CartEditError('unknown-product', `no product ${e.productId} in the cart`);
    if ('remove' in e) {
      out = out.filter((p) => p.id !== e.productId);
      continue;
    }
    if (!Number.isFinite(e.quantity) || e.quantity <= 0) {
      throw new CartEditError('bad-quantity', `quantity must be > 0 (use remove), got ${e.quantity}`);
    }
    out = out.map((p) => (p.id === e.productId ? { ...p, quantity: { ...p.quantity, value: e.quantity } } : p));
  }
  return out;
}
