/** A touch keypad: digits 1–9, then clear, 0, delete. Big keys; `onDigit` gets "0"…"9". */
import { useTranslation } from 'react-i18next';
import { Icon } from './icons';

interface Props {
  onDigit(d: string): void;
  onClear(): void;
  onBackspace(): void;
  label: string;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export function Keypad({ onDigit, onClear, onBackspace, label }: Props) {
  const { t } = useTranslation();
  return (
    <div className="keypad" role="group" aria-label={label}>
      {DIGITS.map((d) => (
        <button key={d} type="button" className="keypad__key" onClick={() => onDigit(d)}>
          {d}
        </button>
      ))}
      <button type="button" className="keypad__key keypad__key--fn" onClick={onClear}>
        {t('supervisor.clear')}
      </button>
      <button type="button" className="keypad__key" onClick={() => onDigit('0')}>
        0
      </button>
      <button type="button" className="keypad__key keypad__key--fn" onClick={onBackspace} aria-label={t('supervisor.backspace')}>
        <Icon name="backspace" size={40} />
      </button>
    </div>
  );
}
