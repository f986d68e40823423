import { toSvgPath } from 'lean-qr/extras/svg';
import { correction, generate } from 'lean-qr/nano';

/** An error-correction level: about 7 %, 15 %, 25 % or 30 % of the code may be lost. */
export type CorrectionLevel = 'L' | 'M' | 'Q' | 'H';

/** A QR code's modules, as one SVG path. */
export interface Encoded {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** The `d` attribute that draws every dark module (unit squares, origin top left). */
  path: string;
}

/**
 * Encodes `value` (UTF-8) with lean-qr at `level` or higher (lean-qr raises the level when the
 * chosen version has room for it). Throws when `value` does not fit in a QR code.
 */
export function encode(value: string, level: CorrectionLevel): Encoded {
  const code = generate(value, { minCorrectionLevel: correction[level] });
  return { size: code.size, path: toSvgPath(code) };
}
