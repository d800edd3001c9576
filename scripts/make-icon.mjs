// Draws media/icon.png (128x128): a lens over a document, in plain RGBA, with no image library.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const size = 128;
const px = Buffer.alloc(size * size * 4);
const set = (x, y, [r, g, b, a]) => { const i = (y * size + x) * 4; px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a; };
for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
  const inDoc = x > 18 && x < 86 && y > 10 && y < 112;
  const line = inDoc && x > 28 && x < 76 && (y % 14 === 0 || y % 14 === 1) && y > 24 && y < 100;
  const d = Math.hypot(x - 78, y - 70);
  const handle = Math.abs((x - 78) - (y - 70)) < 7 && x > 100 && x < 122 && y > 92 && y < 114;
  let c = [0, 0, 0, 0];
  if (inDoc) c = [236, 240, 245, 255];
  if (line) c = [120, 130, 150, 255];
  if (d < 26) c = [46, 125, 204, 110];
  if (d >= 26 && d < 32) c = [30, 70, 140, 255];
  if (handle) c = [30, 70, 140, 255];
  set(x, y, c);
}
const raw = Buffer.alloc((size * 4 + 1) * size);
for (let y = 0; y < size; y++) px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6;
writeFileSync('media/icon.png', Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
