/**
 * A QR code as one SVG path: every dark module a 1×1 square, with a 4-module quiet zone as the
 * standard asks. Crisp at any size (shape-rendering crispEdges), no canvas, no data URL.
 */
import { useMemo } from 'react';
import QRCode from 'qrcode';

const QUIET = 4;

/** The SVG path of the dark modules of `text` and the side length in modules (quiet zone included). */
export function qrPath(text: string): { d: string; size: number } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let d = '';
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (modules.data[y * n + x]) d += `M${x + QUIET} ${y + QUIET}h1v1h-1z`;
    }
  }
  return { d, size: n + QUIET * 2 };
}

export function QrCode({ text, label, className }: { text: string; label: string; className?: string }) {
  const { d, size } = useMemo(() => qrPath(text), [text]);
  return (
    <svg className={className ? `qr ${className}` : 'qr'} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
