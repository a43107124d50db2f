/**
 * The delivery the kiosk offers in InPost Pay, in one place. The documents describe parcel
 * lockers (APM), couriers and DIGITAL delivery, not goods the customer carries out of the shop.
 * The closest documented fit is DIGITAL (nothing is shipped, no address or locker is needed, no
 * delivery price): the customer leaves with the goods and the receipt, and the order is completed
 * at the kiosk. Change it here if InPost names an in-store pick-up type.
 */
export const KIOSK_DELIVERY = {
  delivery_type: 'DIGITAL' as const,
  delivery_price: { net: 0, gross: 0, vat: 0 },
  delivery_options: [] as never[],
};

/** Ways to pay the app may offer for a kiosk basket: paid now, never on delivery or deferred. */
export const KIOSK_PAYMENT_TYPES = ['CARD', 'CARD_TOKEN', 'GOOGLE_PAY', 'APPLE_PAY', 'BLIK_CODE', 'BLIK_TOKEN', 'PAY_BY_LINK'] as const;
