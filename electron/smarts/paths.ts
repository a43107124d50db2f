/**
 * Paths of the Smarts endpoints the node serves, in ONE place. Those marked [I] are not in our
 * documents (integrations.md §1.2, §1.4) and are configuration (`smarts.paths` in the kiosk
 * configuration); the defaults below are our guesses. Correct them here or in the configuration.
 */
export interface SmartsPaths {
  /** [V] POST, PageRequest<ProductSearchRequest> → Pageable<Product>. */
  productSearch: string;
  /** [V] POST, ProductSearchRequest → Product. */
  barcodeSearch: string;
  /** [V] POST, ProductSearchRequest → List<Product>. */
  nameSearch: string;
  /** [I] path and shape unknown: POST, PageRequest<ProductSearchRequest> (or a bare ProductSearchRequest) → Pageable<Product>. */
  categorySearch: string;
  /** [V] POST, CreateReceiptRequest → Receipt. */
  receipt: string;
  /** [I] path and body unknown: POST { invoiceId, institutionInvoiceId } → Receipt. */
  receiptConfirm: string;
  /** [V] POST, LoyaltyCardRegistrationRequest → LoyaltyCardRegistrationResponse (fields unknown). */
  loyaltyRegistration: string;
  /** [I] path and shapes unknown: POST { value | cardNumber, personId } → { cardNumber, points, pointsPerEuro }. */
  loyaltyBonus: string;
  /** [V] POST, Order → void. */
  pickupOrder: string;
  /** [I] path unknown (receive order update): POST, Order → void. */
  pickupOrderUpdate: string;
}

export const DEFAULT_SMARTS_PATHS: SmartsPaths = {
  productSearch: '/product/search',
  barcodeSearch: '/product/search/barcode',
  nameSearch: '/product/search/name',
  categorySearch: '/product/search/category',
  receipt: '/receipt',
  receiptConfirm: '/receipt/confirm',
  loyaltyRegistration: '/card/loyalty',
  loyaltyBonus: '/card/loyalty/bonus',
  pickupOrder: '/pickup/order',
  pickupOrderUpdate: '/pickup/order/update',
};
