#!/usr/bin/env node
// Draws the add-in's icons (a gold star on party red; a calculator bar chart for 一键计算)
// as PNGs with no image library: supersampled polygons, encoded with zlib.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const RED = [192, 0, 0];
const GOLD = [255, 204, 0];
const WHITE = [255, 255, 255];

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function png(size, rgba) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function inPolygon(x, y, pts) {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function roundedSquare(x, y, r) {
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function star(cx, cy, outer, inner) {
  const pts = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const r = i % 2 === 0 ? outer : inner;
    pts.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return pts;
}

/** shapes: [{ test(x, y) → bool, color }], painted in order over transparency. */
function draw(size, shapes) {
  const ss = 4;
  const buf = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = (px + (sx + 0.5) / ss) / size;
          const y = (py + (sy + 0.5) / ss) / size;
          let color = null;
          for (const s of shapes) if (s.test(x, y)) color = s.color;
          if (color) {
            acc[0] += color[0];
            acc[1] += color[1];
            acc[2] += color[2];
            acc[3] += 255;
          }
        }
      }
      const n = ss * ss;
      const a = acc[3] / n;
      const o = (py * size + px) * 4;
      const covered = acc[3] / 255 || 1;
      buf[o] = Math.round(acc[0] / covered);
      buf[o + 1] = Math.round(acc[1] / covered);
      buf[o + 2] = Math.round(acc[2] / covered);
      buf[o + 3] = Math.round(a);
    }
  }
  return png(size, buf);
}

const background = { test: (x, y) => roundedSquare(x, y, 0.18), color: RED };
const starPts = star(0.5, 0.54, 0.36, 0.145);
const appIcon = [background, { test: (x, y) => inPolygon(x, y, starPts), color: GOLD }];
const bar = (x0, x1, top) => ({ test: (x, y) => x >= x0 && x <= x1 && y >= top && y <= 0.8, color: WHITE });
const calcIcon = [background, bar(0.2, 0.34, 0.5), bar(0.43, 0.57, 0.32), bar(0.66, 0.8, 0.2), { test: (x, y) => inPolygon(x, y, star(0.27, 0.3, 0.12, 0.05)), color: GOLD }];

const out = path.join(__dirname, "..", "assets");
fs.mkdirSync(out, { recursive: true });
for (const size of [16, 32, 64, 80, 128]) fs.writeFileSync(path.join(out, `icon-${size}.png`), draw(size, appIcon));
for (const size of [16, 32, 80]) fs.writeFileSync(path.join(out, `calc-${size}.png`), draw(size, calcIcon));
console.log(`icons written to ${out}`);
