/**
 * A check on raw JSON text before it is parsed: nesting depth (objects and arrays) is counted in
 * one linear pass that skips string contents, so a hostile 60,000-deep document is refused without
 * any recursion. The parser that follows still decides whether the text is valid JSON.
 */

/** Deepest nesting accepted by default. Smarts' deepest documented body is about 7 levels. */
export const DEFAULT_MAX_JSON_DEPTH = 32;

/** Returns a reason when `text` nests deeper than `maxDepth`, else null. */
export function checkJsonShape(text: string, maxDepth: number = DEFAULT_MAX_JSON_DEPTH): string | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > maxDepth) return `JSON nesting deeper than ${maxDepth} levels`;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return null;
}
