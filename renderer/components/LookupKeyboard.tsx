/**
 * The picker's on-screen keyboard: Latin letters with the Estonian (õ ä ö ü š ž) and Polish
 * (ą ć ę ł ń ó ś ź ż) ones, a Russian (ЙЦУКЕН) layout, and digits for a PLU code. It edits the
 * text it is given; the picker sends every change to the engine as a search.
 */
import { useTranslation } from 'react-i18next';
import { Icon } from './icons';

export type KeyboardLayout = 'latin' | 'cyrillic' | 'digits';

const ROWS: Record<Exclude<KeyboardLayout, 'digits'>, string[]> = {
  latin: ['qwertyuiopõü', 'asdfghjklöä', 'zxcvbnmšž', 'ąćęłńóśźż'],
  cyrillic: ['йцукенгшщзхъ', 'фывапролджэ', 'ячсмитьбюё'],
};
const DIGIT_ROWS = ['123', '456', '789'];
/** At most this many characters: the engine's search takes 40. */
export const MAX_QUERY = 40;

interface Props {
  value: string;
  layout: KeyboardLayout;
  onChange(next: string): void;
  onLayout(layout: KeyboardLayout): void;
}

export function LookupKeyboard({ value, layout, onChange, onLayout }: Props) {
  const { t } = useTranslation();
  const type = (s: string) => onChange((value + s).slice(0, MAX_QUERY));
  const key = (c: string) => (
    <button key={c} type="button" className="kb__key" onClick={() => type(c)}>
      {c}
    </button>
  );
  const rows = layout === 'digits' ? DIGIT_ROWS : ROWS[layout];
  return (
    <div className={`kb kb--${layout}`} role="group" aria-label={t(layout === 'digits' ? 'lookup.pluGroup' : 'lookup.keyboard')}>
      {rows.map((row) => (
        <div className="kb__row" key={row}>
          {[...row].map(key)}
        </div>
      ))}
      <div className="kb__row kb__row--fn">
        {layout === 'digits' && key('0')}
        {layout !== 'latin' && (
          <button type="button" className="kb__key kb__key--fn" onClick={() => onLayout('latin')} aria-label={t('lookup.latin')}>
            ABC
          </button>
        )}
        {layout !== 'cyrillic' && (
          <button type="button" className="kb__key kb__key--fn" onClick={() => onLayout('cyrillic')} aria-label={t('lookup.cyrillic')}>
            АБВ
          </button>
        )}
        {layout !== 'digits' && (
          <button type="button" className="kb__key kb__key--fn" onClick={() => (onLayout('digits'), onChange(''))} aria-label={t('lookup.pluKeys')}>
            123
          </button>
        )}
        {layout !== 'digits' && (
          <button type="button" className="kb__key kb__key--space" onClick={() => value !== '' && !value.endsWith(' ') && type(' ')}>
            {t('lookup.space')}
          </button>
        )}
        <button type="button" className="kb__key kb__key--fn" onClick={() => onChange(value.slice(0, -1))} aria-label={t('lookup.backspace')}>
          <Icon name="backspace" size={40} />
        </button>
      </div>
    </div>
  );
}
