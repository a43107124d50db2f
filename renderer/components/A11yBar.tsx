/**
 * The customer's accessibility controls, on every customer screen: a strip in the page flow at
 * the bottom (never over the basket header, the totals or the pay actions, and within reach from a
 * wheelchair): reach (low) mode, text size (normal, large, largest) and spoken guidance.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { KioskView } from '../../electron/ipc/view';
import { kassaStore, useKassa } from '../store';
import { speak, speechSynthesisOrNull, stopSpeaking, utteranceFor } from '../a11y/speech';
import { Icon } from './icons';
import { useFormat } from './hooks';

/** Speaks what changed while spoken guidance is on (outside React's render). */
function useSpokenGuidance(): void {
  const { t } = useTranslation();
  const f = useFormat();
  const on = useKassa((s) => s.speech);
  const last = useRef<KioskView | null>(null);
  useEffect(() => {
    if (!on) {
      stopSpeaking();
      last.current = null;
      return;
    }
    const say = (v: KioskView | null) => {
      if (!v) return;
      const text = utteranceFor(last.current, v, t, f.money);
      last.current = v;
      if (text) speak(text, v.lang);
    };
    say(kassaStore.getState().view);
    return kassaStore.subscribe((s, prev) => {
      if (s.view !== prev.view) say(s.view);
    });
  }, [on, t, f.money]);
}

export function A11yBar() {
  const { t } = useTranslation();
  const { reach, textStep, speech, toggleReach, nextTextStep, toggleSpeech } = useKassa(
    useShallow((s) => ({ reach: s.reach, textStep: s.textStep, speech: s.speech, toggleReach: s.toggleReach, nextTextStep: s.nextTextStep, toggleSpeech: s.toggleSpeech })),
  );
  const canSpeak = speechSynthesisOrNull() !== null;
  useSpokenGuidance();
  return (
    <nav className="a11y-bar" aria-label={t('a11y.label')} data-testid="a11y-bar">
      <button type="button" className="a11y-btn" aria-pressed={reach} onClick={toggleReach} data-testid="a11y-reach">
        <Icon name="reach" size={32} />
        <span>{t('a11y.reach')}</span>
      </button>
      <button type="button" className="a11y-btn" onClick={nextTextStep} data-testid="a11y-text">
        <Icon name="text" size={32} />
        <span>{t('a11y.textSize')}</span>
        <span className="a11y-btn__step">{['100 %', '120 %', '140 %'][textStep]}</span>
      </button>
      {canSpeak && (
        <button type="button" className="a11y-btn" aria-pressed={speech} onClick={toggleSpeech} data-testid="a11y-speech">
          <Icon name="speaker" size={32} />
          <span>{t('a11y.speech')}</span>
        </button>
      )}
    </nav>
  );
}

/** The kiosk's classes for the customer's choices (reach mode, text size). */
export function useA11yClasses(): string {
  const { reach, textStep } = useKassa(useShallow((s) => ({ reach: s.reach, textStep: s.textStep })));
  return `${reach ? ' kiosk--reach' : ''}${textStep ? ` kiosk--text-${textStep}` : ''}`;
}

