/** Input rules for supervisor credentials, shared by the directory and the CLI. */

export type SupervisorInputCode = 'bad-badge' | 'bad-name' | 'bad-pin' | 'bad-hash' | 'unknown-badge';

export class SupervisorInputError extends Error {
  readonly kind = 'SupervisorInputError';
  constructor(
    readonly code: SupervisorInputCode,
    message: string,
  ) {
    super(message);
  }
}

// A badge is a scanned code: printable ASCII, no leading or trailing space, 3–64 characters.
const BADGE = /^[\x21-\x7e][\x20-\x7e]{1,62}[\x21-\x7e]$/;
const PIN = /^\d{4,8}$/;

export function checkBadge(badge: string): void {
  if (!BADGE.test(badge)) {
    throw new SupervisorInputError('bad-badge', 'badge must be 3–64 printable ASCII characters without leading or trailing spaces');
  }
}

/** A PIN is `minDigits` (4 in demo, 6 in store mode) to 8 digits. */
export function checkPin(pin: string, minDigits = 4): void {
  // The message never echoes the PIN.
  if (!PIN.test(pin) || pin.length < minDigits) throw new SupervisorInputError('bad-pin', `PIN must be ${minDigits}–8 digits`);
}

/** True when a scanned text has the shape of a badge (whether or not such a badge exists). */
export function looksLikeBadge(text: string): boolean {
  return BADGE.test(text);
}

export function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 64 || /\p{Cc}/u.test(trimmed)) {
    throw new SupervisorInputError('bad-name', 'name must be 1–64 characters without control characters');
  }
  return trimmed;
}
