// A stable device identity per account for Monocle.
// A scanner that presents a different phone at every login looks like account sharing, so each
// account gets one device once (generated here, or imported) and keeps it.
//
// Monocle keeps an account's device only when it knows the model: Noctem's Monocle looks the
// model up in its IPHONES table (monocle/utils.py, get_device_info) and on a miss replaces model,
// iOS and id with a random device of its own. Its table stops at iPhone9,4; later forks added the
// iPhone10,x models. So we generate only models every Monocle version knows, each with iOS
// releases Apple shipped for it and that Monocle's own generate_device_info hands that model in
// one of those versions (never e.g. an iPhone 6s on iOS 8 or an iPhone 7 on iOS 9).
// Imported devices are kept as they came (normalizeDevice): they are a real installation's.
import { randomBytes } from 'node:crypto';
import type { Device } from './model.js';

/** One family of hardware identifiers and iOS releases that family really ran (2016-2018, the scanner era). */
interface DeviceFamily {
  name: string;
  models: readonly string[];
  ios: readonly string[];
}

export const DEVICE_FAMILIES: readonly DeviceFamily[] = [
  // iPhone 6s / 6s Plus shipped with iOS 9.0 and were supported far beyond iOS 11.
  { name: 'iPhone 6s / 6s Plus', models: ['iPhone8,1', 'iPhone8,2'], ios: ['9.3.5', '10.2.1', '10.3.2', '10.3.3', '11.1.2', '11.2.6'] },
  // iPhone SE (1st gen) shipped with iOS 9.3.
  { name: 'iPhone SE', models: ['iPhone8,4'], ios: ['9.3.5', '10.3.2', '10.3.3', '11.1.2', '11.2.6'] },
  // iPhone 7 / 7 Plus shipped with iOS 10.0.
  { name: 'iPhone 7 / 7 Plus', models: ['iPhone9,1', 'iPhone9,2', 'iPhone9,3', 'iPhone9,4'], ios: ['10.1.1', '10.2.1', '10.3.2', '10.3.3', '11.1.2', '11.2.6'] },
];

/** The iOS releases a known model really ran, or undefined for a model outside the table. */
export function iosVersionsFor(model: string): readonly string[] | undefined {
  return DEVICE_FAMILIES.find((family) => family.models.includes(model))?.ios;
}

// Crypto bytes drawn from a buffer filled 4 KiB at a time, each byte used once: an allocation of
// 400 makes up to 400 devices, and a randomBytes call for each of their three draws cost more
// than the bytes themselves.
let spare = Buffer.alloc(0);
let used = 0;
function cryptoBytes(n: number): Buffer {
  if (used + n > spare.length) {
    spare = randomBytes(4096);
    used = 0;
  }
  return spare.subarray(used, (used += n));
}

/** Default randomness: crypto, so ids of different accounts never collide in practice. */
function cryptoRandom(): number {
  return cryptoBytes(6).readUIntBE(0, 6) / 2 ** 48; // 48 bits: exact in a double, always below 1
}

// Weight models equally (not families), so a family with more identifiers is not under-represented.
// Made once: an allocation of 400 makes up to 400 devices, and building this list for each took
// about half of their ~11 ms of CPU (a fresh process, 400 devices).
const MODELS: readonly { model: string; ios: readonly string[] }[] = DEVICE_FAMILIES.flatMap((family) => family.models.map((model) => ({ model, ios: family.ios })));

function pick<T>(items: readonly T[], random: () => number): T {
  // Clamp: a caller's random() returning exactly 1 must not index past the end.
  const index = Math.min(items.length - 1, Math.floor(random() * items.length));
  return items[index] as T;
}

/**
 * A new device: a real model with an iOS release it really ran, and a 32-hex id.
 * Pass `random` (values in [0, 1)) to make the whole device, id included, reproducible in tests;
 * without it the id comes from crypto.randomBytes.
 */
export function generateDevice(random?: () => number): Device {
  const rnd = random ?? cryptoRandom;
  const chosen = pick(MODELS, rnd);
  const ios = pick(chosen.ios, rnd);
  const id = random
    ? Array.from({ length: 16 }, () => Math.min(255, Math.floor(random() * 256)).toString(16).padStart(2, '0')).join('')
    : cryptoBytes(16).toString('hex');
  return { model: chosen.model, ios, id };
}

const HEX32 = /^[0-9a-f]{32}$/;

/** Whether `id` is a device id as normalizeDevice keeps one: 32 lower-case hex digits. */
export function isDeviceId(id: string): boolean {
  return HEX32.test(id);
}

/**
 * An imported device made whole, or undefined when it cannot be used as is (the caller then
 * generates one). The id is lower-cased; a UUID spelling (8-4-4-4-12 with dashes) is accepted
 * because some exports print ids that way. Model and iOS are kept as given (only trimmed):
 * they came from a real scanner installation and must not be "corrected" into another phone.
 */
export function normalizeDevice(partial: { model?: unknown; ios?: unknown; id?: unknown } | null | undefined): Device | undefined {
  if (partial === null || partial === undefined || typeof partial !== 'object') return undefined;
  const { model, ios, id } = partial;
  if (typeof model !== 'string' || typeof ios !== 'string' || typeof id !== 'string') return undefined;
  const m = model.trim();
  const v = ios.trim();
  let i = id.trim().toLowerCase();
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(i)) i = i.replace(/-/g, '');
  if (m.length === 0 || v.length === 0 || !isDeviceId(i)) return undefined;
  return { model: m, ios: v, id: i };
}
