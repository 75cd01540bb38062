/**
 * Draws icons from simple shapes in a unit square (0..1, y down), supersampled for smooth
 * edges at 16 px. A layer either paints a colour or cuts a hole (for glyphs in template images).
 */
import type { RgbaImage } from './png-encoder';

export type Shape = (x: number, y: number) => boolean;
export type Rgb = readonly [number, number, number];

export interface Layer {
  shape: Shape;
  /** A colour to paint, or 'cut' to erase what is below. */
  paint: Rgb | 'cut';
}

export const circle = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

export const ring = (cx: number, cy: number, r: number, width: number): Shape => {
  const inner = r - width;
  return (x, y) => {
    const d = (x - cx) ** 2 + (y - cy) ** 2;
    return d <= r * r && d >= inner * inner;
  };
};

export const roundedRect = (x0: number, y0: number, x1: number, y1: number, radius: number): Shape => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const dx = Math.max(x0 + radius - x, 0, x - (x1 - radius));
  const dy = Math.max(y0 + radius - y, 0, y - (y1 - radius));
  return dx * dx + dy * dy <= radius * radius;
};

/** Even-odd fill of a closed polygon. */
export const polygon = (points: readonly (readonly [number, number])[]): Shape => (x, y) => {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};

/** A thick line with round caps. */
export const segment = (ax: number, ay: number, bx: number, by: number, width: number): Shape => {
  const vx = bx - ax;
  const vy = by - ay;
  const lengthSq = vx * vx + vy * vy;
  const half = width / 2;
  return (x, y) => {
    const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / lengthSq));
    const dx = x - (ax + t * vx);
    const dy = y - (ay + t * vy);
    return dx * dx + dy * dy <= half * half;
  };
};

/** A polyline of round-capped segments. */
export const stroke = (points: readonly (readonly [number, number])[], width: number): Shape =>
  union(...points.slice(1).map(([x, y], i) => segment(points[i][0], points[i][1], x, y, width)));

export const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((s) => s(x, y));
export const intersect = (...shapes: Shape[]): Shape => (x, y) => shapes.every((s) => s(x, y));
export const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y);

/** A regular polygon (e.g. 8 for an octagon), flat side up when `rotation` is π/n. */
export const regularPolygon = (cx: number, cy: number, r: number, sides: number, rotation = Math.PI / sides): Shape =>
  polygon(Array.from({ length: sides }, (_, i) => [cx + r * Math.cos(rotation + (2 * Math.PI * i) / sides), cy + r * Math.sin(rotation + (2 * Math.PI * i) / sides)] as const));

const SAMPLES = 4;

export function rasterize(layers: readonly Layer[], size: number): RgbaImage {
  const data = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Straight RGBA accumulated with "over" and "destination-out", per layer coverage.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const layer of layers) {
        let hits = 0;
        for (let sy = 0; sy < SAMPLES; sy++) {
          for (let sx = 0; sx < SAMPLES; sx++) {
            if (layer.shape((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size)) hits++;
          }
        }
        const coverage = hits / (SAMPLES * SAMPLES);
        if (coverage === 0) continue;
        if (layer.paint === 'cut') {
          a *= 1 - coverage;
          continue;
        }
        const outA = coverage + a * (1 - coverage);
        const [lr, lg, lb] = layer.paint;
        r = (lr * coverage + r * a * (1 - coverage)) / outA;
        g = (lg * coverage + g * a * (1 - coverage)) / outA;
        b = (lb * coverage + b * a * (1 - coverage)) / outA;
        a = outA;
      }
      const i = (py * size + px) * 4;
      data[i] = Math.round(r);
      data[i + 1] = Math.round(g);
      data[i + 2] = Math.round(b);
      data[i + 3] = Math.round(a * 255);
    }
  }
  return { width: size, height: size, data };
}
