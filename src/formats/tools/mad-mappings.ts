// Map-A-Droid's `configs/mappings.json` (MAD 0.x, 2019-2020, written by madmin's settings pages):
// each device's and each device pool's `settings` may hold `ptc_login`, the PTC logins it plays
// (Map-A-Droid/MAD a9b16965 `configs/mappings_example.json`: `"ptc_login":
// "PTC_1,PTC_PASS_1|PTC_2,PTC_PASS_2|PTC_3,PTC_PASS_3"`; `madmin/api/modules/ftr_device.py`:
// "PTC User/Password (Format username,password) Use | to set more the one account"). MAD's
// `ocr/screenPath.py` `get_login_accounts` removes every blank, splits at `|`, then at `,`. The
// same file's `auth` section is madmin's device logins (the phones' basic auth to MAD), never
// accounts of the game: not read. Devices and pools are kept as madmin wrote them, a list of
// objects or `{"entries": {"0": {...}}, "index": N}`.
import { isObject } from '../jsonl.js';

/** One `ptc_login` value: its device's key (madmin's entry number or list index) and the string. */
export interface MadLogin {
  device: string;
  ptcLogin: string;
}

function entriesOf(section: unknown): [string, Record<string, unknown>][] {
  if (Array.isArray(section)) return section.flatMap((o, i) => (isObject(o) ? [[String(i), o] as [string, Record<string, unknown>]] : []));
  if (!isObject(section)) return [];
  const entries = isObject(section.entries) ? section.entries : undefined;
  return entries ? Object.entries(entries).filter((e): e is [string, Record<string, unknown>] => isObject(e[1])) : [];
}

/** The `ptc_login` values of a mappings.json (devices, then pools), or undefined when the document is no such file. */
export function madMappingsLogins(value: unknown): MadLogin[] | undefined {
  if (!isObject(value) || !('devices' in value) || !('areas' in value) || !('walker' in value)) return undefined;
  const logins: MadLogin[] = [];
  for (const section of ['devices', 'devicesettings']) {
    for (const [key, o] of entriesOf(value[section])) {
      const settings = o.settings;
      if (isObject(settings) && typeof settings.ptc_login === 'string' && settings.ptc_login.trim() !== '') {
        logins.push({ device: section === 'devices' ? key : `pool ${key}`, ptcLogin: settings.ptc_login });
      }
    }
  }
  return logins.length > 0 ? logins : undefined;
}

/** One value's logins as MAD reads them: blanks removed, `|` between logins, the first `,` between login and password. */
export function madPtcLogins(ptcLogin: string): ({ username: string; password: string } | string)[] {
  return ptcLogin.replace(/\s+/g, '').split('|').filter((s) => s !== '').map((login) => {
    const comma = login.indexOf(',');
    return comma < 0 ? 'a MAD ptc_login without a comma between login and password (MAD cannot log it in)' : { username: login.slice(0, comma), password: login.slice(comma + 1) };
  });
}
