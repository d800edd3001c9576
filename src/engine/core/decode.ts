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
