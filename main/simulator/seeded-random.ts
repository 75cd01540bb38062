/**
 * Deterministic randomness for the simulator: the same seed gives the same fleet and the same
 * session outcomes in every process, so two simulators at the same clock time agree.
 */

const TWO_POW_32 = 4294967296;

/** Murmur3's 32-bit finaliser: cheap and avalanches well. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Hash of four 32-bit integers to a uint32. Fixed arity on purpose: it runs millions of times
 * for a 20,000-device fleet and rest parameters would allocate.
 */
export function hash4(a: number, b: number, c: number, d: number): number {
  let h = fmix((a | 0) ^ 0x9e3779b9);
  h = fmix((h + Math.imul(b | 0, 0xcc9e2d51)) | 0);
  h = fmix((h + Math.imul(c | 0, 0x1b873593)) | 0);
  return fmix((h + Math.imul(d | 0, 0xe6546b64)) | 0);
}

/** `hash4` mapped to [0, 1). */
export function unit4(a: number, b: number, c: number, d: number): number {
  return hash4(a, b, c, d) / TWO_POW_32;
}

/** Small sequential PRNG (mulberry32) for building the fleet. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = hash4(seed, 0x5eed, 0, 0);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / TWO_POW_32;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Float in [min, max). */
  range(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks a value with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    return this.picker(entries)();
  }

  /** Like `weighted`, for drawing many times from one (long) list: binary search over cumulative weights. */
  picker<T>(entries: readonly (readonly [T, number])[]): () => T {
    const cumulative: number[] = [];
    let total = 0;
    for (const [, weight] of entries) cumulative.push((total += weight));
    return () => {
      const threshold = this.next() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > threshold) hi = mid;
        else lo = mid + 1;
      }
      return entries[lo][0];
    };
  }

  /** `count` lowercase letters, e.g. the `_xpwah` suffix of Cove device names. */
  letters(count: number, alphabet = 'abcdefghijklmnopqrstuvwxyz'): string {
    let out = '';
    for (let i = 0; i < count; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }
}
