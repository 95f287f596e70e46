// Generates siegel-lingen.png, the PLACEHOLDER Dienstsiegel of the demo (see README.md in this folder).
// Draws the seal as vectors with pdfkit and the bundled DejaVu Sans Bold, rasterises it with poppler's pdftoppm
// (greyscale, anti-aliased) and writes an RGBA PNG: one ink colour, coverage as alpha (transparent background).
//
//   node resources/images/make-placeholder-seal.mjs            (needs poppler-utils: pdftoppm)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';

const here = path.dirname(fileURLToPath(import.meta.url));
const fontFile = path.join(here, '..', 'fonts', 'DejaVuSans-Bold.ttf');
const out = path.join(here, 'siegel-lingen.png');
const PX = 300; // output size in pixels
const S = 72; // drawing size in points (1 inch), rendered at PX dpi
const INK = [0x1f, 0x35, 0x7a]; // stamp-ink blue

function drawSeal(doc) {
  const c = S / 2;
  doc.lineJoin('round').lineCap('round').strokeColor('black').fillColor('black');
  // Rings: outer double ring, inner ring around the emblem.
  doc.lineWidth(1.6).circle(c, c, 34.6).stroke();
  doc.lineWidth(0.5).circle(c, c, 32.6).stroke();
  doc.lineWidth(0.6).circle(c, c, 22.2).stroke();

  doc.font(fontFile);
  const size = 5.0;
  const spacing = 0.55;
  doc.fontSize(size);
  const arcText = (text, radius, where) => {
    const chars = [...text];
    const widths = chars.map((ch) => doc.widthOfString(ch) + spacing);
    const total = widths.reduce((a, b) => a + b, 0) - spacing;
    const span = total / radius; // radians
    let acc = 0;
    chars.forEach((ch, i) => {
      const w = widths[i] - spacing;
      const mid = (acc + w / 2) / radius;
      acc += widths[i];
      // top: clockwise from the left, letters' tops outward; bottom: counter-clockwise, tops inward
      const theta = where === 'top' ? -Math.PI / 2 - span / 2 + mid : Math.PI / 2 + span / 2 - mid;
      const px = c + radius * Math.cos(theta);
      const py = c + radius * Math.sin(theta);
      const phi = ((where === 'top' ? theta + Math.PI / 2 : theta - Math.PI / 2) * 180) / Math.PI;
      doc.save().translate(px, py).rotate(phi);
      doc.text(ch, -w / 2, 0, { lineBreak: false, baseline: 'alphabetic' });
      doc.restore();
    });
  };
  arcText('STADT LINGEN (EMS)', 25.9, 'top');
  arcText('DER OBERBÜRGERMEISTER', 29.7, 'bottom');
  // Separators left and right: small five-pointed stars.
  const star = (x, y, r) => {
    const pts = [];
    for (let k = 0; k < 10; k++) {
      const a = -Math.PI / 2 + (k * Math.PI) / 5;
      const rr = k % 2 === 0 ? r : r * 0.42;
      pts.push([x + rr * Math.cos(a), y + rr * Math.sin(a)]);
    }
    doc.polygon(...pts).fill();
  };
  star(c - 27.6, c + 0.3, 1.7);
  star(c + 27.6, c + 0.3, 1.7);

  // Emblem: a shield with a crenellated tower above two waves (the river Ems). Not the town's coat of arms.
  const top = c - 14.5;
  const half = 11;
  doc.lineWidth(0.9);
  doc
    .moveTo(c - half, top)
    .lineTo(c + half, top)
    .lineTo(c + half, top + 13)
    .bezierCurveTo(c + half, top + 21, c + 5, top + 26, c, top + 29)
    .bezierCurveTo(c - 5, top + 26, c - half, top + 21, c - half, top + 13)
    .closePath()
    .stroke();
  // Tower with three merlons, a gate and a window.
  const tw = 9;
  const tx = c - tw / 2;
  const ty = top + 5.2;
  const th = 10.2;
  const m = tw / 5;
  doc
    .moveTo(tx, ty + th)
    .lineTo(tx, ty)
    .lineTo(tx + m, ty)
    .lineTo(tx + m, ty + 1.6)
    .lineTo(tx + 2 * m, ty + 1.6)
    .lineTo(tx + 2 * m, ty)
    .lineTo(tx + 3 * m, ty)
    .lineTo(tx + 3 * m, ty + 1.6)
    .lineTo(tx + 4 * m, ty + 1.6)
    .lineTo(tx + 4 * m, ty)
    .lineTo(tx + tw, ty)
    .lineTo(tx + tw, ty + th)
    .closePath()
    .fill();
  doc.fillColor('white');
  doc
    .moveTo(c - 1.6, ty + th)
    .lineTo(c - 1.6, ty + th - 2.6)
    .bezierCurveTo(c - 1.6, ty + th - 4.8, c + 1.6, ty + th - 4.8, c + 1.6, ty + th - 2.6)
    .lineTo(c + 1.6, ty + th)
    .closePath()
    .fill();
  doc.rect(c - 0.6, ty + 3.2, 1.2, 2).fill();
  doc.fillColor('black');
  // Two waves.
  doc.lineWidth(0.9);
  for (const dy of [ty + th + 3.2, ty + th + 6.4]) {
    const x0 = c - 7.5;
    doc.moveTo(x0, dy);
    for (let k = 0; k < 3; k++) {
      const xs = x0 + k * 5;
      doc.bezierCurveTo(xs + 1.25, dy - 1.3, xs + 2.5, dy - 1.3, xs + 2.5, dy);
      doc.bezierCurveTo(xs + 3.75, dy + 1.3, xs + 5, dy + 1.3, xs + 5, dy);
    }
    doc.stroke();
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'seal-'));
try {
  const pdfFile = path.join(tmp, 'seal.pdf');
  const doc = new PDFDocument({ size: [S, S], margin: 0, font: fontFile });
  const chunks = [];
  doc.on('data', (c) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  drawSeal(doc);
  doc.end();
  await done;
  fs.writeFileSync(pdfFile, Buffer.concat(chunks));
  execFileSync('pdftoppm', ['-r', String(PX), '-gray', '-singlefile', pdfFile, path.join(tmp, 'seal')]);
  const pgm = fs.readFileSync(path.join(tmp, 'seal.pgm'));
  // P5 header: "P5\n<w> <h>\n<max>\n"
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('unexpected pdftoppm output');
  const [w, h] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  const raw = Buffer.alloc(h * (1 + w * 4));
  for (let y = 0; y < h; y++) {
    raw[y * (1 + w * 4)] = 0; // filter: none
    for (let x = 0; x < w; x++) {
      const o = y * (1 + w * 4) + 1 + x * 4;
      raw[o] = INK[0];
      raw[o + 1] = INK[1];
      raw[o + 2] = INK[2];
      raw[o + 3] = 255 - pixels[y * w + x];
    }
  }
  fs.writeFileSync(out, encodePng(w, h, raw));
  console.log(`wrote ${out} (${w}×${h})`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

function encodePng(w, h, raw) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
