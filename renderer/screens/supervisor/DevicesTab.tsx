/** Staff console, Devices tab: every device the engine reports, with its state. */
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useKassa } from '../../store';

const TONE: Record<string, string> = { ok: 'ok', connecting: 'warn', unavailable: 'bad', attention: 'bad', 'not-configured': 'muted', 'import-refused': 'warn' };
const KNOWN = new Set(['scanner', 'printer', 'payments', 'scale', 'cardTerminal', 'catalog', 'catalogReason', 'smartsNode']);
/** Devices whose value is a detail (a reason, an address), not a state. */
const DETAIL = new Set(['catalogReason', 'smartsNode']);

export function DevicesTab() {
  const { t } = useTranslation();
  const { main, extra } = useKassa(useShallow((s) => ({ main: s.view?.devices, extra: s.view?.supervisor?.devices })));
  const devices = Object.entries({ ...(main ?? {}), ...(extra ?? {}) });
  return (
    <ul className="sdevices" role="list">
      {devices.map(([name, state]) => (
        <li key={name} className="sdevice">
          <span className="sdevice__name">{KNOWN.has(name) ? t(`devices.${name}`) : name}</span>
          {DETAIL.has(name) ? (
            // Free text from the catalog import (row, field, reason) or the node's address, shown as is.
            <span className="sdevice__detail">{state}</span>
          ) : (
            <span className={`sbadge sbadge--${TONE[state] ?? 'muted'}`}>{t(`devices.state.${state}`, { defaultValue: state })}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
