/**
 * A modal dialog: role="dialog" aria-modal, labelled by its title, the first button focused on
 * open and Tab kept inside. The backdrop blocks touches to the screen behind it.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  title: ReactNode;
  children?: ReactNode;
  actions: ReactNode;
  tone?: 'default' | 'staff';
  className?: string;
  icon?: ReactNode;
}

export function Dialog({ title, children, actions, tone = 'default', className, icon }: Props) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const focusables = () => Array.from(el.querySelectorAll<HTMLElement>('button:not([disabled]), [href], input, [tabindex]:not([tabindex="-1"])'));
    (el.querySelector<HTMLElement>('[data-autofocus]') ?? focusables()[0])?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Tab') return;
      const f = focusables();
      const first = f[0];
      const last = f[f.length - 1];
      if (!first || !last) return;
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    };
    el.addEventListener('keydown', onKey);
    return () => el.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className={`backdrop backdrop--${tone}`}>
      <div ref={ref} className={`dialog dialog--${tone} ${className ?? ''}`} role="dialog" aria-modal="true" aria-labelledby={titleId}>
        {icon && <div className="dialog__icon">{icon}</div>}
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        {children && <div className="dialog__body">{children}</div>}
        <div className="dialog__actions">{actions}</div>
      </div>
    </div>
  );
}
