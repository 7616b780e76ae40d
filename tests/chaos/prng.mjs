// A tiny seeded PRNG (mulberry32), so a chaos run replays from its seed.

/** A generator of floats in [0, 1) from a 32-bit seed. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of flow `index` of a run: each flow replays alone from (seed, index). */
export function flowSeed(seed, index) {
  return mulberry32((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0)() * 4294967296 >>> 0;
}

/** Choices drawn from one generator. */
export class Random {
  constructor(seed) {
    this.next = mulberry32(seed);
  }

  /** A whole number from `min` to `max`, both included. */
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability) {
    return this.next() < probability;
  }

  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }

  digits(count) {
    let text = '';
    for (let i = 0; i < count; i += 1) text += String(this.int(0, 9));
    return text;
  }
}

/** A fresh random 32-bit seed, for runs that ask for none. */
export function randomSeed() {
  return Math.floor(Math.random() * 4294967296) >>> 0;
}
