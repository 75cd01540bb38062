/**
 * The icon pipeline (PNG encoder, .ico and .icns containers) and the committed icons under
 * resources/: one per tray state and platform, the right sizes, template images black-only,
 * and every state a different shape, not just a different colour.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINUX_TRAY_SIZES, WINDOWS_TRAY_SIZES, trayIconFileName, trayIconPath } from '../../main/electron/tray-icons';
import { TRAY_ICON_STATES } from '../../main/electron/tray-appearance';
import { encodeIcns, encodeIco } from '../../scripts/icons/icon-containers';
import { TRAY_DESIGNS, templateLayers } from '../../scripts/icons/icon-designs';
import { crc32, decodePng, encodePng } from '../../scripts/icons/png-encoder';
import { rasterize } from '../../scripts/icons/raster';

const RESOURCES = path.resolve(__dirname, '../../resources');
const TRAY = path.join(RESOURCES, 'tray');
const read = (file: string) => fs.readFileSync(file);

function icoEntries(ico: Buffer): { size: number; png: Buffer }[] {
  expect(ico.readUInt16LE(0)).toBe(0);
  expect(ico.readUInt16LE(2)).toBe(1);
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
    const entry = 6 + i * 16;
    const length = ico.readUInt32LE(entry + 8);
    const offset = ico.readUInt32LE(entry + 12);
    return { size: ico[entry] || 256, png: ico.subarray(offset, offset + length) };
  });
}

describe('PNG encoder', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('round-trips RGBA pixels', () => {
    const data = new Uint8Array(5 * 3 * 4).map((_, i) => (i * 37) % 256);
    const png = encodePng({ width: 5, height: 3, data }, { dpi: 144 });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.includes(Buffer.from('pHYs'))).toBe(true);
    expect(decodePng(png)).toEqual({ width: 5, height: 3, data });
  });

  it('refuses a buffer of the wrong size', () => {
    expect(() => encodePng({ width: 2, height: 2, data: new Uint8Array(3) })).toThrow(/Expected 16 bytes/);
  });
});

describe('icon containers', () => {
  it('builds an .ico whose directory points at each PNG', () => {
    const pngs = [16, 32, 256].map((size) => ({ size, png: encodePng({ width: size, height: size, data: new Uint8Array(size * size * 4) }) }));
    const entries = icoEntries(encodeIco(pngs));
    expect(entries.map((e) => e.size)).toEqual([16, 32, 256]);
    entries.forEach((e, i) => expect(e.png.equals(pngs[i].png)).toBe(true));
  });

  it('builds an .icns with its total length and typed PNG elements', () => {
    const png16 = encodePng({ width: 16, height: 16, data: new Uint8Array(16 * 16 * 4) });
    const icns = encodeIcns(new Map([[16, png16]]));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.toString('latin1', 8, 12)).toBe('icp4');
    expect(icns.readUInt32BE(12)).toBe(png16.length + 8);
  });
});

describe('committed tray icons', () => {
  it.each(TRAY_ICON_STATES)('%s has an icon on every platform', (state) => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(fs.existsSync(trayIconPath(TRAY, state, platform)), `${state} on ${platform}`).toBe(true);
    }
  });

  it.each(TRAY_ICON_STATES)('%s: macOS template images are 16/32 px, black and alpha only', (state) => {
    const base = path.join(TRAY, trayIconFileName(state, 'darwin'));
    expect(path.basename(base)).toMatch(/Template\.png$/);
    for (const [file, size] of [[base, 16], [base.replace('.png', '@2x.png'), 32]] as const) {
      const image = decodePng(read(file));
      expect([image.width, image.height]).toEqual([size, size]);
      for (let i = 0; i < image.data.length; i += 4) expect(image.data[i] + image.data[i + 1] + image.data[i + 2]).toBe(0);
    }
  });

  it.each(TRAY_ICON_STATES)('%s: the Windows .ico holds every notification-area size', (state) => {
    const entries = icoEntries(read(path.join(TRAY, trayIconFileName(state, 'win32'))));
    expect(entries.map((e) => e.size)).toEqual([...WINDOWS_TRAY_SIZES]);
    for (const { size, png } of entries) expect(decodePng(png).width).toBe(size);
  });

  it.each(TRAY_ICON_STATES)('%s: Linux PNGs at 16–256 px, each with an @2x twin', (state) => {
    for (const size of LINUX_TRAY_SIZES) {
      const file = path.join(TRAY, trayIconFileName(state, 'linux', size));
      expect(decodePng(read(file)).width).toBe(size);
      expect(decodePng(read(file.replace('.png', '@2x.png'))).width).toBe(size * 2);
    }
  });

  it('every state has its own silhouette: the black-and-alpha templates differ by at least 10 % of pixels', () => {
    const masks = TRAY_ICON_STATES.map((state) => decodePng(read(path.join(TRAY, trayIconFileName(state, 'darwin').replace('.png', '@2x.png')))).data.filter((_, i) => i % 4 === 3));
    for (let a = 0; a < masks.length; a++) {
      for (let b = a + 1; b < masks.length; b++) {
        const differing = masks[a].reduce((n, alpha, i) => n + (Math.abs(alpha - masks[b][i]) > 128 ? 1 : 0), 0);
        expect(differing / masks[a].length, `${TRAY_ICON_STATES[a]} vs ${TRAY_ICON_STATES[b]}`).toBeGreaterThan(0.1);
      }
    }
  });

  it('matches what the generator draws today (run `npm run generate:icons` after changing a design)', () => {
    for (const state of TRAY_ICON_STATES) {
      const drawn = rasterize(templateLayers(TRAY_DESIGNS[state]), 16);
      expect(Buffer.from(decodePng(read(path.join(TRAY, trayIconFileName(state, 'darwin')))).data).equals(Buffer.from(drawn.data)), state).toBe(true);
    }
  });
});

describe('committed app icons', () => {
  it('has the PNG, .ico, .icns and the Linux size folder electron-builder.yml names', () => {
    expect(decodePng(read(path.join(RESOURCES, 'icon.png'))).width).toBe(512);
    expect(icoEntries(read(path.join(RESOURCES, 'icon.ico'))).map((e) => e.size)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    const icns = read(path.join(RESOURCES, 'icon.icns'));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
      expect(decodePng(read(path.join(RESOURCES, 'icons', `${size}x${size}.png`))).width).toBe(size);
    }
  });
});
