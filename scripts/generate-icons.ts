/**
 * Writes every icon under resources/: tray icons per state for macOS (template PNGs, 1x and
 * @2x), Windows (.ico) and Linux (PNGs at the usual sizes, 1x and @2x), and the app icon
 * (.png, .ico, .icns, Linux size folder). Run with `npm run generate:icons`; commit the output.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TRAY_ICON_STATES } from '../main/electron/tray-appearance';
import { LINUX_TRAY_SIZES, WINDOWS_TRAY_SIZES, trayIconFileName } from '../main/electron/tray-icons';
import { encodeIcns, encodeIco } from './icons/icon-containers';
import { appIconLayers, colourLayers, TRAY_DESIGNS, templateLayers } from './icons/icon-designs';
import { encodePng } from './icons/png-encoder';
import { type Layer, rasterize } from './icons/raster';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const RESOURCES = path.join(ROOT, 'resources');

const png = (layers: Layer[], size: number, dpi?: number) => encodePng(rasterize(layers, size), { dpi });

function write(relative: string, bytes: Buffer): void {
  const file = path.join(RESOURCES, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
}

export function generateIcons(): number {
  let count = 0;
  const out = (relative: string, bytes: Buffer) => {
    write(relative, bytes);
    count++;
  };
  for (const state of TRAY_ICON_STATES) {
    const design = TRAY_DESIGNS[state];
    // macOS menu bar: 16 pt template images, black and alpha only.
    const template = templateLayers(design);
    out(path.join('tray', trayIconFileName(state, 'darwin')), png(template, 16, 72));
    out(path.join('tray', trayIconFileName(state, 'darwin').replace('.png', '@2x.png')), png(template, 32, 144));
    const colour = colourLayers(design);
    out(path.join('tray', trayIconFileName(state, 'win32')), encodeIco(WINDOWS_TRAY_SIZES.map((size) => ({ size, png: png(colour, size) }))));
    for (const size of LINUX_TRAY_SIZES) {
      const name = path.join('tray', trayIconFileName(state, 'linux', size));
      out(name, png(colour, size));
      out(name.replace('.png', '@2x.png'), png(colour, size * 2));
    }
  }

  const app = appIconLayers();
  const appPngs = new Map<number, Buffer>([16, 24, 32, 48, 64, 128, 256, 512, 1024].map((size) => [size, png(app, size)]));
  out('icon.png', appPngs.get(512)!);
  out('icon.ico', encodeIco([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: appPngs.get(size)! }))));
  out('icon.icns', encodeIcns(appPngs));
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) out(path.join('icons', `${size}x${size}.png`), appPngs.get(size)!);
  return count;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const count = generateIcons();
  console.log(`Wrote ${count} icon files under ${path.relative(process.cwd(), RESOURCES) || '.'}`);
}
