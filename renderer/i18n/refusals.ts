/**
 * A refusal from the engine in the staff's words: `supervisor.refusals.<code>` where the code has
 * words (every code of electron/engine/refusal-codes.ts `STAFF_REFUSAL_CODES` does, checked by
 * test/unit/renderer/refusals.test.ts); any other code (one passed on from a newer store node,
 * say) keeps the engine's words with the code (`supervisor.refused`).
 */
import type { TFunction } from 'i18next';

export function staffRefusal(t: TFunction, error: { code: string; message: string }): string {
  return t(`supervisor.refusals.${error.code}`, { defaultValue: t('supervisor.refused', { code: error.code, message: error.message }) });
}
