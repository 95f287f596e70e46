// Generates the images of the demo online applications (see README.md in this folder):
//   vollmacht-scan.jpg    a scanned, hand-filled Vollmacht (greyscale, slightly skewed, paper noise)
//   haftpflicht-scan.jpg  a scanned insurance confirmation for a dog (§ 5 NHundG), personal data blacked out
//   ausweis-foto.jpg      a phone photo of a SPECIMEN identity card ("MUSTER") on a desk
// Draws each page with pdfkit and the bundled DejaVu Sans, rasterises it with poppler's pdftoppm (JPEG).
// Deterministic (seeded noise). Everything shown is invented.
//
//   node resources/demo/portal/make-demo-images.mjs          (needs poppler-utils: pdftoppm)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';

const here = path.dirname(fileURLToPath(import.meta.url));
const FONT = path.join(here, '..', '..', 'fonts', 'DejaVuSans.ttf');
const BOLD = path.join(here, '..', '..', 'fonts', 'DejaVuSans-Bold.ttf');
const MM = 72 / 25.4;

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pdfBytes(draw, size) {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size, margin: 0, autoFirstPage: true });
    doc.registerFont('R', FONT);
    doc.registerFont('B', BOLD);
    const chunks = [];
    doc.on('data', (c) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

function rasterise(pdf, out, args) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bbdesk-demo-img-'));
  try {
    const src = path.join(dir, 'page.pdf');
    fs.writeFileSync(src, pdf);
    execFileSync('pdftoppm', [...args, '-jpeg', '-singlefile', src, path.join(dir, 'out')]);
    fs.copyFileSync(path.join(dir, 'out.jpg'), out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`${path.relative(process.cwd(), out)}: ${fs.statSync(out).size} bytes`);
}

/** Handwriting-like scribble from (x, y) over width w (points). */
function scribble(doc, random, x, y, w, { height = 7, width = 0.9, color = '#1d2b63' } = {}) {
  doc.save().lineWidth(width).strokeColor(color).lineCap('round').lineJoin('round');
  let cx = x;
  doc.moveTo(cx, y);
  while (cx < x + w) {
    const step = 3 + random() * 5;
    const up = y - height * (0.3 + random() * 0.7);
    const down = y + height * 0.15 * random();
    doc.bezierCurveTo(cx + step * 0.3, up, cx + step * 0.7, up, cx + step, down);
    cx += step;
    if (random() < 0.12) {
      cx += 4 + random() * 4; // gap between words
      doc.moveTo(cx, y);
    }
  }
  doc.stroke().restore();
}

/** Grey paper, a scanner shadow along the top and left edges, dust specks. */
function scanBackground(doc, random, w, h) {
  doc.rect(0, 0, w, h).fill('#dcdad3');
  const top = doc.linearGradient(0, 0, 0, 18);
  top.stop(0, '#7d7d7d').stop(1, '#dcdad3', 0);
  doc.rect(0, 0, w, 18).fill(top);
  const left = doc.linearGradient(0, 0, 10, 0);
  left.stop(0, '#8a8a8a').stop(1, '#dcdad3', 0);
  doc.rect(0, 0, 10, h).fill(left);
  for (let i = 0; i < 260; i++) {
    const g = Math.floor(90 + random() * 80);
    doc.circle(random() * w, random() * h, 0.2 + random() * 0.6).fill(`rgb(${g},${g},${g})`);
  }
}

function vollmacht(doc) {
  const random = rng(4711);
  const [w, h] = [210 * MM, 297 * MM];
  scanBackground(doc, random, w, h);
  doc.save().rotate(0.8, { origin: [w / 2, h / 2] });
  const ink = '#262626';
  let y = 40 * MM;
  const x = 25 * MM;
  doc.font('B').fontSize(20).fillColor(ink).text('Vollmacht', x, y);
  y += 18 * MM;
  const field = (label, len = 110) => {
    doc.font('R').fontSize(10.5).fillColor(ink).text(label, x, y);
    const lx = x + 42 * MM;
    doc.save().lineWidth(0.5).strokeColor('#555').moveTo(lx, y + 11).lineTo(lx + len * MM, y + 11).stroke().restore();
    scribble(doc, random, lx + 3, y + 9, (len - 20 - random() * 30) * MM);
    y += 11 * MM;
  };
  doc.font('R').fontSize(10.5).text('Hiermit bevollmächtige ich', x, y);
  y += 9 * MM;
  field('Name, Vorname');
  field('geboren am', 50);
  field('wohnhaft in');
  y += 4 * MM;
  doc.font('R').fontSize(10.5).text('Frau / Herrn', x, y);
  y += 9 * MM;
  field('Name, Vorname');
  field('geboren am', 50);
  field('wohnhaft in');
  y += 4 * MM;
  doc
    .font('R')
    .fontSize(10.5)
    .text(
      'mich gegenüber der Stadt Lingen (Ems) in folgender Angelegenheit zu vertreten, Anträge zu stellen, ' +
        'Erklärungen abzugeben sowie Bescheide und Unterlagen für mich entgegenzunehmen:',
      x,
      y,
      { width: 160 * MM, lineGap: 3 },
    );
  y += 18 * MM;
  field('Angelegenheit');
  y += 16 * MM;
  const sigY = y + 12 * MM;
  scribble(doc, random, x + 2, sigY - 4, 55 * MM);
  doc.save().lineWidth(0.5).strokeColor('#555').moveTo(x, sigY).lineTo(x + 70 * MM, sigY).stroke().restore();
  doc.font('R').fontSize(8.5).text('Ort, Datum', x, sigY + 3);
  // Signature: a few large loops.
  doc.save().lineWidth(1.2).strokeColor('#1d2b63').lineCap('round');
  const sx = x + 95 * MM;
  doc
    .moveTo(sx, sigY - 2)
    .bezierCurveTo(sx + 10, sigY - 30, sx + 22, sigY - 28, sx + 18, sigY - 4)
    .bezierCurveTo(sx + 14, sigY + 10, sx + 40, sigY - 26, sx + 55, sigY - 10)
    .bezierCurveTo(sx + 70, sigY + 4, sx + 90, sigY - 20, sx + 130, sigY - 8)
    .stroke()
    .restore();
  doc.save().lineWidth(0.5).strokeColor('#555').moveTo(sx - 5, sigY).lineTo(sx + 65 * MM, sigY).stroke().restore();
  doc.font('R').fontSize(8.5).fillColor(ink).text('Unterschrift der vollmachtgebenden Person', sx - 5, sigY + 3);
  doc.restore();
  doc.font('R').fontSize(7).fillColor('#777').text('DEMO – erfundene Angaben, kein echtes Dokument', 25 * MM, 285 * MM);
}

function haftpflicht(doc) {
  const random = rng(1312);
  const [w, h] = [210 * MM, 297 * MM];
  scanBackground(doc, random, w, h);
  doc.save().rotate(-0.6, { origin: [w / 2, h / 2] });
  const ink = '#232323';
  const x = 25 * MM;
  doc.font('B').fontSize(14).fillColor(ink).text('Emsländische Muster-Versicherung VVaG', x, 22 * MM);
  doc.font('R').fontSize(8).text('Musterweg 1 · 49808 Lingen (Ems) · Demo-Versicherer, frei erfunden', x, 29 * MM);
  doc.save().lineWidth(0.8).strokeColor(ink).moveTo(x, 33 * MM).lineTo(185 * MM, 33 * MM).stroke().restore();
  doc.font('B').fontSize(13).text('Versicherungsbestätigung', x, 50 * MM);
  doc.font('R').fontSize(10).text('zur Vorlage bei der Stadt / Gemeinde nach § 5 NHundG', x, 57 * MM);
  let y = 72 * MM;
  const row = (label, value, redact = false) => {
    doc.font('R').fontSize(10).fillColor(ink).text(label, x, y);
    if (redact) doc.rect(x + 60 * MM, y - 1, (45 + random() * 30) * MM, 5 * MM).fill('#111');
    else doc.font('R').fontSize(10).fillColor(ink).text(value, x + 60 * MM, y, { width: 100 * MM });
    y += 9 * MM;
  };
  row('Versicherungsnehmer/in', '', true);
  row('Anschrift', '', true);
  row('Versicherungsschein-Nr.', '', true);
  row('Versicherungsart', 'Hundehalter-Haftpflichtversicherung');
  row('Versicherter Hund', 'ein Hund gemäß Versicherungsschein');
  row('Deckungssummen', 'Personenschäden 5.000.000 EUR\nSach- und Vermögensschäden 5.000.000 EUR');
  y += 5 * MM;
  row('Versicherungsbeginn', '', true);
  y += 6 * MM;
  doc
    .font('R')
    .fontSize(10)
    .fillColor(ink)
    .text(
      'Wir bestätigen, dass für den oben genannten Hund eine Haftpflichtversicherung besteht, deren ' +
        'Deckungssummen die Mindestdeckungssummen des § 5 des Niedersächsischen Gesetzes über das Halten von Hunden ' +
        '(NHundG) erreichen (500.000 EUR für Personenschäden, 250.000 EUR für sonstige Schäden). ' +
        'Die Versicherung ist nicht gekündigt.',
      x,
      y,
      { width: 160 * MM, lineGap: 3 },
    );
  y += 34 * MM;
  // Round stamp and a signature.
  doc.save().lineWidth(1.3).strokeColor('#3b3b6b').opacity(0.7);
  doc.circle(150 * MM, y + 12 * MM, 15 * MM).stroke();
  doc.circle(150 * MM, y + 12 * MM, 12 * MM).stroke();
  doc.font('B').fontSize(7).fillColor('#3b3b6b').text('MUSTER-VERSICHERUNG', 133 * MM, y + 10.5 * MM, { width: 34 * MM, align: 'center' });
  doc.restore();
  scribble(doc, random, x + 5, y + 18 * MM, 45 * MM, { height: 9, width: 1.1 });
  doc.font('R').fontSize(8.5).fillColor(ink).text('Kundenservice Haftpflicht', x, y + 22 * MM);
  doc.restore();
  doc.rect(20 * MM, 268 * MM, 170 * MM, 0.4).fill('#999');
  doc.font('R').fontSize(7).fillColor('#777').text('DEMO – persönliche Angaben vom Demo-Generator geschwärzt; erfundener Versicherer.', 25 * MM, 272 * MM);
}

function ausweisFoto(doc) {
  const random = rng(2020);
  const [w, h] = [160 * MM, 120 * MM];
  // Desk: wood-coloured gradient with grain.
  const desk = doc.linearGradient(0, 0, w, h);
  desk.stop(0, '#8a5a36').stop(1, '#6e4426');
  doc.rect(0, 0, w, h).fill(desk);
  for (let i = 0; i < 70; i++) {
    const yy = random() * h;
    doc.save().lineWidth(0.3 + random()).strokeColor('#5a371e').opacity(0.35);
    doc.moveTo(0, yy).bezierCurveTo(w / 3, yy + random() * 6 - 3, (2 * w) / 3, yy + random() * 6 - 3, w, yy + random() * 4 - 2).stroke();
    doc.restore();
  }
  // The card, slightly rotated, with a shadow.
  const cw = 85.6 * 1.45 * MM;
  const ch = 54 * 1.45 * MM;
  const cx = (w - cw) / 2;
  const cy = (h - ch) / 2;
  doc.save().rotate(-4, { origin: [w / 2, h / 2] });
  doc.roundedRect(cx + 5, cy + 6, cw, ch, 10).fillOpacity(0.35).fill('#000').fillOpacity(1);
  const card = doc.linearGradient(cx, cy, cx + cw, cy + ch);
  card.stop(0, '#d9e7ef').stop(0.5, '#eef3e6').stop(1, '#d7e2ec');
  doc.roundedRect(cx, cy, cw, ch, 10).fill(card);
  doc.font('B').fontSize(10).fillColor('#2b4a6b').text('AUSWEISKARTE · MUSTER', cx + 10, cy + 10);
  doc.font('R').fontSize(6.5).fillColor('#2b4a6b').text('Demo-Abbildung · kein amtliches Dokument', cx + 10, cy + 23);
  // Photo: grey portrait silhouette.
  const px = cx + 12;
  const py = cy + 36;
  doc.save();
  doc.rect(px, py, 62, 78).clip();
  doc.rect(px, py, 62, 78).fill('#b9c2c8');
  doc.circle(px + 31, py + 30, 15).fill('#7f8a92');
  doc.ellipse(px + 31, py + 78, 27, 24).fill('#7f8a92');
  doc.restore();
  const tx = px + 80;
  const line = (label, value, yy) => {
    doc.font('R').fontSize(5.5).fillColor('#51677d').text(label, tx, yy);
    doc.font('B').fontSize(9).fillColor('#1f2d3a').text(value, tx, yy + 7);
  };
  line('Name', 'MUSTERMANN', cy + 38);
  line('Vornamen', 'ERIKA', cy + 60);
  line('Geburtsdatum', '12.08.1964', cy + 82);
  line('Gültig bis', '31.12.2030', cy + 104);
  doc.save().rotate(-18, { origin: [cx + cw / 2, cy + ch / 2] });
  doc.font('B').fontSize(34).fillColor('#c0392b').fillOpacity(0.35).text('MUSTER', cx + cw / 2 - 75, cy + ch / 2 - 20);
  doc.restore();
  doc.restore();
  // Soft light from the top left (phone photo).
  const light = doc.radialGradient(w * 0.3, h * 0.25, 5, w * 0.3, h * 0.25, w * 0.8);
  light.stop(0, '#ffffff', 0.18).stop(1, '#000000', 0.12);
  doc.rect(0, 0, w, h).fill(light);
}

const A4 = [210 * MM, 297 * MM];
rasterise(await pdfBytes(vollmacht, A4), path.join(here, 'vollmacht-scan.jpg'), ['-gray', '-r', '75', '-jpegopt', 'quality=45,optimize=y']);
rasterise(await pdfBytes(haftpflicht, A4), path.join(here, 'haftpflicht-scan.jpg'), ['-gray', '-r', '75', '-jpegopt', 'quality=45,optimize=y']);
rasterise(await pdfBytes(ausweisFoto, [160 * MM, 120 * MM]), path.join(here, 'ausweis-foto.jpg'), ['-r', '110', '-jpegopt', 'quality=60,optimize=y']);
