/**
 * One design per tray state: a distinct silhouette (circle, triangle, octagon, hourglass,
 * "no" sign, rounded square, diamond, ring, wide pill) plus a glyph, so the states differ by shape and
 * not only by colour. Colour icons paint the glyph; macOS template icons cut it out.
 */
import type { TrayIconState } from '../../main/electron/tray-appearance';
import {
  type Layer,
  type Rgb,
  type Shape,
  circle,
  intersect,
  minus,
  polygon,
  regularPolygon,
  ring,
  roundedRect,
  segment,
  stroke,
  union,
} from './raster';

export interface IconDesign {
  body: Shape;
  colour: Rgb;
  glyph: Shape | null;
  glyphColour: Rgb;
}

const WHITE: Rgb = [255, 255, 255];
const INK: Rgb = [33, 33, 33];
const BLACK: Rgb = [0, 0, 0];

const hex = (value: string): Rgb => [parseInt(value.slice(1, 3), 16), parseInt(value.slice(3, 5), 16), parseInt(value.slice(5, 7), 16)];

export const TRAY_DESIGNS: Record<TrayIconState, IconDesign> = {
  ok: {
    body: circle(0.5, 0.5, 0.47),
    colour: hex('#2E7D32'),
    glyph: stroke([[0.27, 0.52], [0.43, 0.68], [0.74, 0.35]], 0.14),
    glyphColour: WHITE,
  },
  warning: {
    body: polygon([[0.5, 0.04], [0.98, 0.93], [0.02, 0.93]]),
    colour: hex('#F9A825'),
    glyph: union(segment(0.5, 0.38, 0.5, 0.62, 0.14), circle(0.5, 0.79, 0.075)),
    glyphColour: INK,
  },
  failed: {
    body: regularPolygon(0.5, 0.5, 0.5, 8),
    colour: hex('#C62828'),
    glyph: union(segment(0.33, 0.33, 0.67, 0.67, 0.14), segment(0.67, 0.33, 0.33, 0.67, 0.14)),
    glyphColour: WHITE,
  },
  stale: {
    // An hourglass: the last success is running out of time.
    body: polygon([[0.14, 0.03], [0.86, 0.03], [0.86, 0.15], [0.58, 0.5], [0.86, 0.85], [0.86, 0.97], [0.14, 0.97], [0.14, 0.85], [0.42, 0.5], [0.14, 0.15]]),
    colour: hex('#6A1B9A'),
    glyph: polygon([[0.28, 0.17], [0.72, 0.17], [0.5, 0.42]]),
    glyphColour: WHITE,
  },
  unavailable: {
    // The "no" sign: we cannot see the data, so nothing can be called healthy.
    body: union(ring(0.5, 0.5, 0.47, 0.14), segment(0.2, 0.2, 0.8, 0.8, 0.14)),
    colour: hex('#7A7A7A'),
    glyph: null,
    glyphColour: WHITE,
  },
  paused: {
    body: roundedRect(0.05, 0.05, 0.95, 0.95, 0.2),
    colour: hex('#1565C0'),
    glyph: union(roundedRect(0.29, 0.25, 0.43, 0.75, 0.03), roundedRect(0.57, 0.25, 0.71, 0.75, 0.03)),
    glyphColour: WHITE,
  },
  demo: {
    // A diamond with a "D".
    body: polygon([[0.5, 0.0], [1.0, 0.5], [0.5, 1.0], [0.0, 0.5]]),
    colour: hex('#00838F'),
    glyph: union(
      roundedRect(0.33, 0.3, 0.44, 0.7, 0.01),
      intersect(ring(0.44, 0.5, 0.2, 0.1), (x) => x >= 0.44),
      roundedRect(0.36, 0.3, 0.45, 0.4, 0),
      roundedRect(0.36, 0.6, 0.45, 0.7, 0),
    ),
    glyphColour: WHITE,
  },
  empty: {
    body: ring(0.5, 0.5, 0.45, 0.12),
    colour: hex('#9E9E9E'),
    glyph: null,
    glyphColour: WHITE,
  },
  muted: {
    // A wide pill with a check: something fails, and every failure is acknowledged (someone is on it).
    body: roundedRect(0.02, 0.2, 0.98, 0.8, 0.3),
    colour: hex('#8D6E63'),
    glyph: stroke([[0.3, 0.5], [0.44, 0.63], [0.7, 0.37]], 0.12),
    glyphColour: WHITE,
  },
};

/** Windows and Linux: the body in its colour, the glyph painted on top. */
export function colourLayers(design: IconDesign): Layer[] {
  const layers: Layer[] = [{ shape: design.body, paint: design.colour }];
  if (design.glyph) layers.push({ shape: design.glyph, paint: design.glyphColour });
  return layers;
}

/** macOS template: black and alpha only, the glyph cut out so the menu bar shows through. */
export function templateLayers(design: IconDesign): Layer[] {
  const layers: Layer[] = [{ shape: design.body, paint: BLACK }];
  if (design.glyph) layers.push({ shape: design.glyph, paint: 'cut' });
  return layers;
}

/** The application icon: a rounded square with a "C" arc and a check mark. */
export function appIconLayers(): Layer[] {
  const arc = minus(ring(0.5, 0.5, 0.34, 0.09), polygon([[0.5, 0.5], [0.95, 0.2], [0.95, 0.8]]));
  return [
    { shape: roundedRect(0.03, 0.03, 0.97, 0.97, 0.22), paint: hex('#0B5F8A') },
    { shape: arc, paint: WHITE },
    { shape: stroke([[0.42, 0.52], [0.52, 0.62], [0.72, 0.4]], 0.09), paint: hex('#7CD992') },
  ];
}
