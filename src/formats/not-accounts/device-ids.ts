// Lists of device identifiers kept beside the accounts: Android IDs (`Settings.Secure.ANDROID_ID`,
// a 64-bit number as 16 hex digits, the `DeviceId` NecroBot's and PokemonGo.RocketAPI's
// `DeviceInfo` send) or UUIDs (an iPhone's identifierForVendor, a device's id in a phone farm's
// list). No login is hex digits alone with a digit every few letters, so such a file is named
// for what it is instead of "no reader recognises this content". (32 hex digits, MrMime's
// md5 device id, are named as keys by line-kinds.ts, as a 32-hex API key would be.)
const DEVICE_ID = /^(?:[0-9a-f]{16}|[0-9A-F]{16}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12})$/;

/** Whether every line (at least two) is one device id, each holding a digit and a letter as random ids do. */
export function isDeviceIdList(lines: string[]): boolean {
  if (lines.length < 2) return false;
  // A random 16-hex id is all digits or all letters once in ~2,000: most must have both.
  let mixed = 0;
  for (const l of lines) {
    if (!DEVICE_ID.test(l)) return false;
    if (/\d/.test(l) && /[a-f]/i.test(l)) mixed++;
  }
  return mixed * 5 >= lines.length * 4;
}
