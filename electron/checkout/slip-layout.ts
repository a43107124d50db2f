/**
 * Bank slips (the acquirer's text, usually 80 columns) reflowed to the receipt paper's width:
 * rules become rules of the paper's width, centred lines are centred again, right-aligned
 * lines stay right-aligned, "Label:   value" rows keep the label left and the value right,
 * and other text is word-wrapped. No character of the slip's text is dropped.
 */
import { center, leftRight, wrap } from './receipt-layout';

const RULE = /^\s*([-=*_~#.])\1{4,}\s*$/;
const LABEL_VALUE = /^(\S.*?)\s{2,}(\S.*)$/;

type Kind = 'blank' | 'rule' | 'center' | 'right' | 'pair' | 'text';

/** How a slip line of a slip `slipWidth` wide is laid out. */
export function slipLineKind(line: string, slipWidth: number): Kind {
  const t = line.trim();
  if (t === '') return 'blank';
  if (RULE.test(line)) return 'rule';
  const lead = line.length - line.trimStart().length;
  if (lead > 0) {
    const trail = slipWidth - lead - t.length;
    if (Math.abs(lead - trail) <= 2) return 'center';
    if (trail <= 1) return 'right';
  }
  return LABEL_VALUE.test(t) ? 'pair' : 'text';
}

/** The slip as rows of at most `width` characters. */
export function reflowSlip(slip: string, width: number): string[] {
  const lines = slip.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n').map((l) => l.replace(/\t/g, ' ').trimEnd());
  // The slip's own width: its rules' when it has any (a long text line may overflow it), else its longest line.
  const rules = lines.filter((l) => RULE.test(l)).map((l) => l.length);
  const slipWidth = Math.max(width, ...(rules.length > 0 ? rules : lines.map((l) => l.length)));
  const rows: string[] = [];
  for (const line of lines) {
    const t = line.trim();
    switch (slipLineKind(line, slipWidth)) {
      case 'blank':
        rows.push('');
        break;
      case 'rule':
        rows.push(t[0]!.repeat(width));
        break;
      case 'center':
        rows.push(...wrap(t, width).map((r) => center(r, width)));
        break;
      case 'right':
        rows.push(...wrap(t, width).map((r) => r.padStart(width)));
        break;
      case 'pair': {
        const [, label, value] = LABEL_VALUE.exec(t)!;
        if (value!.length < width) rows.push(...leftRight(label!, value!, width));
        else rows.push(...wrap(label!, width), ...wrap(value!, width));
        break;
      }
      default:
        rows.push(...(t.length <= width && line.length <= width ? [line] : wrap(t, width)));
    }
  }
  return rows;
}
