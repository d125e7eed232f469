/**
 * `npm run icons`: draws the Teams app icons into manifest/ — a 192×192 colour icon
 * (a ballot box with a check mark on Berlin blue) and a 32×32 white outline on transparency.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng, fillRect, line, raster } from './lib/png.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../manifest');
const BLUE = [0x1f, 0x5c, 0x99, 0xff];
const WHITE = [0xff, 0xff, 0xff, 0xff];

const color = raster(192, 192);
fillRect(color, 0, 0, 192, 192, BLUE);
fillRect(color, 40, 84, 112, 72, WHITE); // box
fillRect(color, 70, 92, 52, 8, BLUE); // slot
fillRect(color, 66, 30, 60, 66, WHITE); // ballot
line(color, 78, 62, 92, 78, 8, BLUE); // check mark
line(color, 92, 78, 116, 44, 8, BLUE);
writeFileSync(path.join(dir, 'color.png'), encodePng(color));

const outline = raster(32, 32);
fillRect(outline, 5, 14, 22, 2, WHITE); // box top
fillRect(outline, 5, 14, 2, 13, WHITE); // left
fillRect(outline, 25, 14, 2, 13, WHITE); // right
fillRect(outline, 5, 25, 22, 2, WHITE); // bottom
line(outline, 11, 8, 14, 11, 2, WHITE); // check mark
line(outline, 14, 11, 21, 3, 2, WHITE);
writeFileSync(path.join(dir, 'outline.png'), encodePng(outline));
process.stdout.write(`icons written to ${dir}\n`);
