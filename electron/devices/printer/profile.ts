/**
 * Printer profiles: printer differences as data (resources/printers/*.json), validated
 * with zod when loaded. The encoder reads only this; no per-model `if` in code.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const CODEPAGE_MAPPINGS = [
  'bixolon', 'bixolon/legacy', 'citizen', 'epson', 'epson/legacy', 'fujitsu', 'hp', 'metapace', 'mpt',
  'pos-5890', 'pos-8360', 'star', 'sunmi', 'xprinter', 'youku',
] as const;

export const PrinterProfileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  language: z.literal('esc-pos'),
  /** Characters per line in font A. */
  columns: z.union([z.literal(32), z.literal(42), z.literal(48)]),
  /** Printable width in dots (raster images and the virtual printer's PNG width). */
  dotsWidth: z.number().int().min(256).max(832),
  /** The encoder's named code-page table for this vendor, or ESC t numbers by code page name. */
  codepageMapping: z.union([z.enum(CODEPAGE_MAPPINGS), z.record(z.string(), z.number().int().min(0).max(255))]),
  /** 'native' sends GS ( k; 'raster' draws the QR as a GS v 0 image (printers without QR support). */
  qr: z.enum(['native', 'raster']),
  /** QR module size in dots (1–16); default 6. */
  qrModuleSize: z.number().int().min(1).max(16).default(6),
  cut: z.enum(['full', 'partial']),
  /** Blank lines fed before the cut so the last row clears the cutter. */
  feedBeforeCut: z.number().int().min(0).max(20),
  imageMode: z.enum(['raster', 'column']).default('raster'),
  /** Line ending; '\n' unless the printer needs '\n\r'. */
  newline: z.enum(['\n', '\n\r']).default('\n'),
});

export type PrinterProfile = z.infer<typeof PrinterProfileSchema>;
export type CodepageMappingName = (typeof CODEPAGE_MAPPINGS)[number];

export class PrinterProfileError extends Error {
  readonly kind = 'PrinterProfileError';
  constructor(readonly source: string, message: string) {
    super(`${source}: ${message}`);
  }
}

/** Validates one profile object; throws PrinterProfileError listing every problem. */
export function parsePrinterProfile(json: unknown, source = 'profile'): PrinterProfile {
  const r = PrinterProfileSchema.safeParse(json);
  if (!r.success) {
    throw new PrinterProfileError(source, r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  }
  return r.data;
}

/** Reads and validates every *.json in dir, keyed by profile id. */
export function loadPrinterProfiles(dir: string): Map<string, PrinterProfile> {
  const out = new Map<string, PrinterProfile>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const path = join(dir, f);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new PrinterProfileError(path, `not valid JSON (${(e as Error).message})`);
    }
    const p = parsePrinterProfile(json, path);
    if (out.has(p.id)) throw new PrinterProfileError(path, `duplicate profile id ${p.id}`);
    out.set(p.id, p);
  }
  return out;
}

/** One profile by id from dir (default: resources/printers under the working directory). */
export function loadPrinterProfile(id: string, dir = join(process.cwd(), 'resources', 'printers')): PrinterProfile {
  const p = loadPrinterProfiles(dir).get(id);
  if (!p) throw new PrinterProfileError(dir, `no printer profile "${id}"`);
  return p;
}
