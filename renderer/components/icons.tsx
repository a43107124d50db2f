/** Line icons drawn inline (no external images under the CSP). Decorative: always aria-hidden. */
import type { ReactElement } from 'react';

type IconName =
  | 'plus' | 'minus' | 'trash' | 'help' | 'scan' | 'phone' | 'card' | 'check' | 'alert' | 'info'
  | 'close' | 'refresh' | 'user' | 'printer' | 'receipt' | 'clock' | 'back' | 'basket' | 'lock' | 'backspace' | 'wifi-off' | 'reach' | 'text' | 'speaker';

const PATHS: Record<IconName, ReactElement> = {
  plus: <path d="M12 5v14M5 12h14" />,
  minus: <path d="M5 12h14" />,
  trash: <path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3" />,
  help: <><circle cx="12" cy="12" r="9" /><path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7v.5M12 17.5v.01" /></>,
  scan: <path d="M4 8V5a1 1 0 0 1 1-1h3M16 4h3a1 1 0 0 1 1 1v3M20 16v3a1 1 0 0 1-1 1h-3M8 20H5a1 1 0 0 1-1-1v-3M7 9v6M10 9v6M13 9v6M17 9v6" />,
  phone: <><rect x="6" y="2.5" width="12" height="19" rx="2.5" /><path d="M11 18.5h2" /></>,
  card: <><rect x="2.5" y="5" width="19" height="14" rx="2" /><path d="M2.5 10h19M6 15h4" /></>,
  check: <path d="M4.5 12.5l5 5 10-11" />,
  alert: <><path d="M12 3.5l9.5 16.5h-19z" /><path d="M12 10v4.5M12 17.2v.01" /></>,
  info: <><circle cx="12" cy="12" r="9" /><path d="M12 11v6M12 7.5v.01" /></>,
  close: <path d="M6 6l12 12M18 6L6 18" />,
  refresh: <path d="M20 11a8 8 0 1 0-2.3 5.7M20 5v6h-6" />,
  user: <><circle cx="12" cy="8" r="4" /><path d="M4 21c1-4.5 4.5-6.5 8-6.5s7 2 8 6.5" /></>,
  printer: <><path d="M7 9V3h10v6M7 18H4v-8h16v8h-3" /><rect x="7" y="14" width="10" height="7" /></>,
  receipt: <path d="M6 3h12v18l-2-1.5-2 1.5-2-1.5-2 1.5-2-1.5L6 21zM9 8h6M9 12h6M9 16h3" />,
  clock: <><circle cx="12" cy="12" r="9" /><path d="M12 7v5l3 2" /></>,
  back: <path d="M10 6l-6 6 6 6M4 12h16" />,
  basket: <path d="M3 9h18l-2 11H5zM8 9l4-6 4 6M9 13v4M15 13v4M12 13v4" />,
  lock: <><rect x="5" y="11" width="14" height="10" rx="2" /><path d="M8 11V7a4 4 0 0 1 8 0v4" /></>,
  backspace: <path d="M9 5h11v14H9l-6-7zM12 9l6 6M18 9l-6 6" />,
  reach: <><circle cx="12" cy="4.5" r="2" /><path d="M12 7v6h5l2 6M12 10h5M9 10.5a5.5 5.5 0 1 0 6.5 8" /></>,
  text: <path d="M3 19l5-14 5 14M4.8 14h6.4M14 19l3.5-9 3.5 9M15.2 16h4.6" />,
  speaker: <><path d="M4 9h4l5-4v14l-5-4H4z" /><path d="M16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12" /></>,
  'wifi-off': <path d="M3 3l18 18M8.5 16.5a5 5 0 0 1 7 0M5 13a10 10 0 0 1 5-2.7M19 13a10 10 0 0 0-2-1.5M2 9.5a15 15 0 0 1 4.5-2.8M12 20v.01M22 9.5A15 15 0 0 0 11 5.1" />,
};

export function Icon({ name, size = 32, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2.2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
