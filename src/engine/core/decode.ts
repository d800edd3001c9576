import { tooLarge } from './read-file';

/** A file's text, or why it is not analysed. */
export type DecodeResult = { ok: true; text: string } | { ok: false; reason: string };

/** The default size limit of an analysed file: 1 MiB. */
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/**
 * Decodes a source file: UTF-8 (with or without BOM) and UTF-16 with a BOM. Files over the size
 * limit and binary files (a NUL byte in the first 8 KiB) are refused with a reason.
 */
export function decodeSource(bytes: Buffer, maxSize = DEFAULT_MAX_FILE_SIZE): DecodeResult {
  if (bytes.length > maxSize) return { ok: false, reason: tooLarge(bytes.length, maxSize) };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: bytes.subarray(2).toString('utf16le') };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2))).swap16().toString('utf16le') };
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return { ok: true, text: bytes.subarray(start).toString('utf8') };
}

/** How a text file's bytes are encoded: UTF-8 with or without a BOM, or UTF-16 with a BOM. */
export type TextEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

/**
 * Decodes a text file that is not a source (the manifest): its text without a BOM, and the
 * encoding, so that an edit can be written back as it was read (`encodeText`).
 */
export function decodeText(bytes: Buffer): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.subarray(2).toString('utf16le'), encoding: 'utf16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2))).swap16().toString('utf16le'), encoding: 'utf16be' };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf8-bom' };
  return { text: bytes.toString('utf8'), encoding: 'utf8' };
}

/** The bytes of a text in an encoding, with its BOM: the inverse of `decodeText`. */
export function encodeText(text: string, encoding: TextEncoding): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return encoding === 'utf16le' ? le : le.swap16();
}
