/** The Kassa mark: a basket in a rounded square, drawn inline. */
export function BrandMark({ size = 64, inverted = false }: { size?: number; inverted?: boolean }) {
  const bg = inverted ? '#ffffff' : '#00584f';
  const fg = inverted ? '#00584f' : '#ffffff';
  return (
    <svg className="brandmark" width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="16" fill={bg} />
      <path d="M14 26h36l-4.5 22h-27z" fill="none" stroke={fg} strokeWidth="4.5" strokeLinejoin="round" />
      <path d="M23 26l9-12 9 12" fill="none" stroke={fg} strokeWidth="4.5" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M26 34v7M32 34v7M38 34v7" stroke={fg} strokeWidth="4" strokeLinecap="round" />
    </svg>
  );
}
