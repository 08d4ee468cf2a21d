import { describe, expect, it } from 'vitest';
import { DEVICE_FAMILIES, generateDevice, iosVersionsFor, normalizeDevice } from '../src/device.js';

// Independent facts to hold the table to: the iOS each model shipped with (Apple's release notes).
const LAUNCH_IOS: Record<string, string> = {
  'iPhone8,1': '9.0', 'iPhone8,2': '9.0', 'iPhone8,4': '9.3',
  'iPhone9,1': '10.0', 'iPhone9,2': '10.0', 'iPhone9,3': '10.0', 'iPhone9,4': '10.0',
};

// The models each Monocle version knows: the keys of IPHONES in monocle/utils.py. A device whose
// model is missing there is replaced by a random one (get_device_info catches the KeyError).
const UP_TO_IPHONE9 = ['5,1', '5,2', '5,3', '5,4', '6,1', '6,2', '7,1', '7,2', '8,1', '8,2', '8,4', '9,1', '9,2', '9,3', '9,4'].map((m) => `iPhone${m}`);
const MONOCLE_IPHONES: Record<string, string[]> = {
  'Noctem/Monocle': UP_TO_IPHONE9,
  'RobTwoThree/Monocle-Level30': [...UP_TO_IPHONE9, ...['10,1', '10,2', '10,3', '10,4', '10,5', '10,6'].map((m) => `iPhone${m}`)],
  'evenly-epic-mule/Monocle': [...UP_TO_IPHONE9, ...['10,1', '10,2', '10,3', '10,4', '10,5', '10,6'].map((m) => `iPhone${m}`)],
};
// The iOS releases Monocle's own generate_device_info gives the models we generate, in some version
// (from Noctem/Monocle, RobTwoThree/Monocle-Level30 and evenly-epic-mule/Monocle, monocle/utils.py).
const MONOCLE_IOS9 = '9.0 9.0.1 9.0.2 9.1 9.2 9.2.1 9.3 9.3.1 9.3.2 9.3.3 9.3.4 9.3.5'.split(' ');
const MONOCLE_IOS10 = '10.0.1 10.0.2 10.0.3 10.1 10.1.1 10.2 10.2.1 10.3 10.3.1 10.3.2 10.3.3'.split(' ');
const MONOCLE_IOS11 = '11.0 11.0.1 11.0.2 11.0.3 11.1 11.1.1 11.1.2 11.2 11.2.1 11.2.2 11.2.5 11.2.6'.split(' ');
const MONOCLE_IOS: Record<string, string[]> = {
  'iPhone8,1': [...MONOCLE_IOS9, ...MONOCLE_IOS10, ...MONOCLE_IOS11],
  'iPhone8,2': [...MONOCLE_IOS9, ...MONOCLE_IOS10, ...MONOCLE_IOS11],
  'iPhone8,4': [...MONOCLE_IOS9.filter((v) => v.startsWith('9.3')), ...MONOCLE_IOS10, ...MONOCLE_IOS11],
  'iPhone9,1': [...MONOCLE_IOS10, ...MONOCLE_IOS11],
  'iPhone9,2': [...MONOCLE_IOS10, ...MONOCLE_IOS11],
  'iPhone9,3': [...MONOCLE_IOS10, ...MONOCLE_IOS11],
  'iPhone9,4': [...MONOCLE_IOS10, ...MONOCLE_IOS11],
};
// Every release Apple shipped for iPhones from 9.0 to 11.4.1 (the scanner era).
const RELEASED = new Set(
  '9.0 9.0.1 9.0.2 9.1 9.2 9.2.1 9.3 9.3.1 9.3.2 9.3.3 9.3.4 9.3.5 10.0.1 10.0.2 10.0.3 10.1 10.1.1 10.2 10.2.1 10.3 10.3.1 10.3.2 10.3.3 11.0 11.0.1 11.0.2 11.0.3 11.1 11.1.1 11.1.2 11.2 11.2.1 11.2.2 11.2.5 11.2.6 11.3 11.3.1 11.4 11.4.1'.split(' '),
);
const compare = (a: string, b: string) => {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
};

/** A seeded generator (mulberry32), so "random" tests are reproducible. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('device table', () => {
  it('pairs each model only with real iOS releases it could run', () => {
    for (const family of DEVICE_FAMILIES) {
      for (const model of family.models) {
        expect(LAUNCH_IOS[model], model).toBeDefined();
        for (const ios of family.ios) {
          expect(RELEASED.has(ios), `${ios} is a real release`).toBe(true);
          expect(compare(ios, LAUNCH_IOS[model]!), `${model} with ${ios}`).toBeGreaterThanOrEqual(0);
        }
      }
    }
    expect(iosVersionsFor('iPhone9,3')).toContain('10.3.3');
    expect(iosVersionsFor('Pixel 2')).toBeUndefined();
  });

  it('holds only models every Monocle version knows, with iOS releases Monocle itself gives them', () => {
    for (const family of DEVICE_FAMILIES) {
      for (const model of family.models) {
        for (const [monocle, known] of Object.entries(MONOCLE_IPHONES)) expect(known, `${model} in ${monocle}'s IPHONES`).toContain(model);
        for (const ios of family.ios) expect(MONOCLE_IOS[model], `${model} with ${ios}`).toContain(ios);
      }
    }
    // Noctem's table stops at iPhone9,4: an iPhone X would be replaced there.
    expect(iosVersionsFor('iPhone10,3')).toBeUndefined();
  });
});

describe('generateDevice', () => {
  it('gives a real model/iOS pair and a 32-hex id, different every time', () => {
    const ids = new Set<string>();
    const models = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const device = generateDevice();
      expect(device.id).toMatch(/^[0-9a-f]{32}$/);
      expect(iosVersionsFor(device.model)).toContain(device.ios);
      ids.add(device.id);
      models.add(device.model);
    }
    expect(ids.size).toBe(2000);
    expect(models.size).toBe(Object.keys(LAUNCH_IOS).length);
  });

  it('is reproducible from a given random source, id included', () => {
    const a = Array.from({ length: 20 }, ((r) => () => generateDevice(r))(seeded(5)));
    const b = Array.from({ length: 20 }, ((r) => () => generateDevice(r))(seeded(5)));
    expect(a).toEqual(b);
    for (const device of a) {
      expect(device.id).toMatch(/^[0-9a-f]{32}$/);
      expect(iosVersionsFor(device.model)).toContain(device.ios);
    }
    // Edge values of a hand-written source stay in range.
    expect(iosVersionsFor(generateDevice(() => 0.999999999).model)).toBeDefined();
    expect(generateDevice(() => 1).id).toBe('ff'.repeat(16));
    expect(generateDevice(() => 0)).toEqual({ model: 'iPhone8,1', ios: '9.3.5', id: '0'.repeat(32) });
  });
});

describe('normalizeDevice', () => {
  it('lower-cases the id and keeps model and iOS as given', () => {
    expect(normalizeDevice({ model: 'iPhone9,3', ios: '10.3.3', id: 'ABCDEF0123456789ABCDEF0123456789' })).toEqual({
      model: 'iPhone9,3',
      ios: '10.3.3',
      id: 'abcdef0123456789abcdef0123456789',
    });
    // Not in our table, but a real installation's: kept, not "corrected".
    expect(normalizeDevice({ model: ' iPad5,4 ', ios: '9.3.5 ', id: ' ' + 'a'.repeat(32) })).toEqual({ model: 'iPad5,4', ios: '9.3.5', id: 'a'.repeat(32) });
  });

  it('accepts a UUID spelling of the id', () => {
    expect(normalizeDevice({ model: 'iPhone8,1', ios: '11.2.6', id: '0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9' })?.id).toBe('0a1b2c3d4e5f60718293a4b5c6d7e8f9');
  });

  it('refuses what cannot be a whole device', () => {
    const good = { model: 'iPhone8,1', ios: '11.2.6', id: 'a'.repeat(32) };
    expect(normalizeDevice(undefined)).toBeUndefined();
    expect(normalizeDevice(null)).toBeUndefined();
    expect(normalizeDevice({})).toBeUndefined();
    expect(normalizeDevice({ ...good, id: 'a'.repeat(31) })).toBeUndefined();
    expect(normalizeDevice({ ...good, id: 'g'.repeat(32) })).toBeUndefined();
    expect(normalizeDevice({ ...good, id: 'a'.repeat(33) })).toBeUndefined();
    expect(normalizeDevice({ ...good, model: '  ' })).toBeUndefined();
    expect(normalizeDevice({ ...good, ios: undefined })).toBeUndefined();
    expect(normalizeDevice({ ...good, id: 12345 })).toBeUndefined();
    expect(normalizeDevice(good)).toEqual(good);
  });
});
