// PokeAlarm's config.ini (PokeAlarm/PokeAlarm `config/config.ini.example`, as its docs print it
// for each version): ConfigArgParse's `name: value` lines, a `# comment` after the value, a list
// as `[a, b]` for several managers, a flag alone (`debug`). Its webserver's host and port, each
// manager's alarms, filters, rules and geofence files, a Google Maps key: no account. It was
// refused as "a config file" like any other; now named, as the operator dropped the wrong file.
/** Settings of every PokeAlarm version's example (3.x `config.ini.example` and the older ones). */
const SETTINGS = new Set(
  ('debug quiet host port concurrency manager_count manager_name key gmaps-key gmaps-rev-geocode gmaps-dm-walk gmaps-dm-bike ' +
    'gmaps-dm-drive gmaps-dm-transit filters filter alarms rules geofence location locale unit timelimit max_attempts timezone ' +
    'cache_type log-lvl log-file log-size log-ct mgr-log-lvl mgr-log-file mgr-log-size mgr-log-ct').split(' '),
);
/** The settings no other scanner tool's config has: a manager's alarm and filter files and its count. */
const OWN = new Set(['manager_count', 'manager_name', 'alarms', 'filters', 'rules', 'cache_type', 'max_attempts', 'timelimit', 'mgr-log-lvl']);

/** `name: value`, `name = value` or a flag, its comment dropped: the name, else undefined. */
function settingName(line: string): string | undefined {
  return /^([a-z][a-z_-]*)(?:\s*[:=]|\s*(?:#|$))/i.exec(line)?.[1]?.toLowerCase();
}

/** Whether the lines (whole-line comments dropped) are PokeAlarm's config.ini. */
export function isPokeAlarmConfig(lines: string[]): boolean {
  let known = 0;
  const own = new Set<string>();
  for (const line of lines) {
    const name = settingName(line);
    if (name === undefined) return false;
    if (SETTINGS.has(name)) known++;
    if (OWN.has(name)) own.add(name);
  }
  return own.size >= 2 && known * 5 >= lines.length * 4;
}
