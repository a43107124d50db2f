/**
 * A payment waiting for staff reads in its own provider's words on both staff screens: the
 * kiosk's Orders tab (AttentionList, fed by the preview fixture's attention items) and the
 * attendant console's lane payments. A card-terminal or InPost Pay payment never reads "SWiP".
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../../electron/checkout/lang';
import type { AttentionView } from '../../../electron/ipc/view';
import type { LanePayment, LaneSnapshot } from '../../../electron/store/lane';
import { StaffLangContext } from '../../../renderer/components/hooks';
import { LanePayments } from '../../../renderer/console/LanePayments';
import { FIXTURES } from '../../../renderer/fixtures';
import { i18n } from '../../../renderer/i18n';
import { consoleI18n } from '../../../renderer/i18n/console';
import { AttentionList } from '../../../renderer/screens/supervisor/OrdersTab';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

function ordersTab(lang: Lang, items: readonly AttentionView[]): string {
  return text(
    renderToStaticMarkup(
      <I18nextProvider i18n={i18n.cloneInstance({ lng: lang })}>
        <StaffLangContext.Provider value={lang}>
          <AttentionList items={items} />
        </StaffLangContext.Provider>
      </I18nextProvider>,
    ),
  );
}

const fixture = (lang: Lang) => FIXTURES['supervisor-attention']!.view(lang).supervisor!.attention;

describe("the kiosk's Orders tab", () => {
  it('shows a card-terminal payment in attention in the terminal\'s words, without "SWiP", in the staff language', () => {
    const [terminal] = fixture('en');
    expect(terminal!.method).toBe('terminal');
    const en = ordersTab('en', [terminal!]);
    expect(en).toContain('K01-0043');
    expect(en).toContain('Card terminal · The card terminal has no approved payment for this order. If the customer has an approved slip, resolve as paid; otherwise cancel.');
    expect(en).not.toContain('SWiP');
    const ru = ordersTab('ru', [terminal!]);
    expect(ru).toContain('На платёжном терминале нет одобренной оплаты этого заказа.');
    expect(ru).not.toContain('SWiP');
  });

  it('names InPost Pay and SWiP for theirs, each payment in its own words', () => {
    const [terminal, inpost] = fixture('pl');
    const swip: AttentionView = { ...terminal!, merchantOrderId: 'swip-1', orderNo: 'K01-0045', method: 'swip' };
    const pl = ordersTab('pl', [terminal!, inpost!, swip]);
    expect(pl).toContain('InPost Pay odmówił anulowania: zamówienie może być już zapłacone.');
    expect(pl).toContain('(409: ORDER_PAID)');
    expect(pl).toContain('SWiP odmówił zamknięcia zamówienia. Ponów; jeśli klient zapłacił, oznacz jako zapłacone.');
    // "SWiP" appears once: in the SWiP payment's line (its method label and its words).
    expect(pl.split('K01-0045')[0]).not.toContain('SWiP');
  });
});

describe("the attendant console's lane payments", () => {
  const pay = (provider: string, reason = 'close-refused'): LanePayment => ({ merchantOrderId: `m-${provider}`, orderNo: `K01-00${provider.length}`, provider, amountCents: 500, paidCents: 0, reason, code: null, description: null, since: 1, retry: true });
  const lane = (payments: LanePayment[]) => ({ laneId: 'K01', currency: 'EUR', actions: ['retry-payment'], payments }) as unknown as LaneSnapshot;
  const render = (lang: Lang, payments: LanePayment[]) => {
    void consoleI18n.changeLanguage(lang);
    try {
      return text(renderToStaticMarkup(<I18nextProvider i18n={consoleI18n}><LanePayments lane={lane(payments)} onRetry={() => {}} /></I18nextProvider>));
    } finally {
      void consoleI18n.changeLanguage('en');
    }
  };

  it('words a terminal payment as the terminal, and a provider it does not know neutrally', () => {
    const et = render('et', [pay('terminal'), pay('blik', 'cancel-refused')]);
    expect(et).toContain('Kaardimakseterminal · Terminalis pole kinnitatud makset');
    expect(et).toContain('Makseteenuse pakkuja · Pakkuja keeldus tühistamast');
    expect(et).not.toContain('SWiP');
    expect(et).not.toContain('blik');
  });
});
