import { AppError } from '../errors/app-error.ts';

/**
 * What a file is by its first bytes, whatever its name or declared type says. Covers what people upload by mistake
 * in place of a spreadsheet or a bank statement (a scan, a photo, a PDF, an archive, an old .xls, a program) and
 * tells text from binary. Signatures from the formats' specifications (the "magic numbers").
 */
export type FileSignature =
  | 'zip'
  | 'xls'
  | 'pdf'
  | 'png'
  | 'jpeg'
  | 'gif'
  | 'webp'
  | 'heic'
  | 'mp4'
  | 'ogg'
  | 'gzip'
  | 'rar'
  | '7z'
  | 'exe'
  | 'elf'
  | 'text'
  | 'binary'
  | 'empty';

const starts = (b: Uint8Array, bytes: readonly number[], at = 0) =>
  b.length >= at + bytes.length && bytes.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const SIGNATURES: [FileSignature, readonly number[], number?][] = [
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['zip', [0x50, 0x4b, 0x05, 0x06]],
  ['xls', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['pdf', ascii('%PDF-')],
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', ascii('GIF8')],
  ['ogg', ascii('OggS')],
  ['gzip', [0x1f, 0x8b]],
  ['rar', ascii('Rar!')],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['exe', ascii('MZ')],
  ['elf', [0x7f, 0x45, 0x4c, 0x46]],
];

/** How far to look for a NUL byte: text files have none (except UTF-16, told by its BOM). */
const TEXT_PROBE_BYTES = 8192;

export function fileSignature(content: Uint8Array): FileSignature {
  if (content.length === 0) return 'empty';
  for (const [kind, bytes, at] of SIGNATURES) if (starts(content, bytes, at)) return kind;
  if (starts(content, ascii('RIFF')) && starts(content, ascii('WEBP'), 8)) return 'webp';
  if (starts(content, ascii('ftyp'), 4)) {
    const brand = String.fromCharCode(...content.subarray(8, 12));
    return /^(heic|heix|mif1|msf1)$/.test(brand) ? 'heic' : 'mp4';
  }
  if (starts(content, [0xff, 0xfe]) || starts(content, [0xfe, 0xff])) return 'text';
  return content.subarray(0, TEXT_PROBE_BYTES).includes(0) ? 'binary' : 'text';
}

const DESCRIPTIONS: Record<FileSignature, string> = {
  zip: 'a ZIP archive',
  xls: 'an old Excel 97–2003 (.xls) or Word (.doc) file',
  pdf: 'a PDF document',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  gif: 'a GIF image',
  webp: 'a WebP image',
  heic: 'a HEIC photo',
  mp4: 'a video',
  ogg: 'an audio file',
  gzip: 'a gzip archive',
  rar: 'a RAR archive',
  '7z': 'a 7-Zip archive',
  exe: 'a Windows program',
  elf: 'a program',
  text: 'text',
  binary: 'a binary file',
  empty: 'empty',
};

/**
 * Refuses an upload whose bytes are not one of the accepted kinds, before any parser sees it, with a message that
 * says what the file is and what to send instead: a photo of a statement uploaded as the statement is a common
 * mistake, and "header not found" would not explain it.
 */
export function assertFileSignature(
  content: Uint8Array,
  accepted: readonly FileSignature[],
  expected: string,
): FileSignature {
  const found = fileSignature(content);
  if (accepted.includes(found)) return found;
  const message =
    found === 'empty' ? 'the file is empty' : `this file is ${DESCRIPTIONS[found]}, not ${expected}`;
  throw new AppError('VALIDATION', message, { fields: { body: 'file_type' }, what: 'file_type', found });
}
