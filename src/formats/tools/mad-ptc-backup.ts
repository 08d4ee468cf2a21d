// Map-A-Droid's `ptc_backup.json`: when MAD 1 moved each device's PTC logins out of
// `settings_device.ptc_login` into `settings_pogoauth` (Map-A-Droid/MAD branch legacy,
// `mapadroid/patcher/move_ptc_accounts.py`, 2020), it first saved them to its temp folder with
// `json.dump(self._db.autofetch_all(sql), fh)`: a list of `{"device_id": N, "ptc_login": "..."}`,
// the logins of a device joined by `|`, each `username,password`. MAD splits them so
// (`logins['ptc_login'].split("|")`, then `login.split(',', 1)`: the password is everything after
// the first comma), and so does this; a login without a comma, which MAD logs as an invalid format
// and skips, is rejected. The device number is MAD's own (its settings_device row), kept as
// `mad_device_id`, never the account's device.

/** Whether a JSON object is one device's row of ptc_backup.json. */
export function isPtcBackupRow(o: Record<string, unknown>): boolean {
  return typeof o.ptc_login === 'string' && 'device_id' in o && !('username' in o) && !('password' in o);
}

/** The logins of one row, as MAD splits them: an account object (our export's fields), or why a login is none. */
export function ptcBackupLogins(o: Record<string, unknown>): (Record<string, unknown> | string)[] {
  const device = typeof o.device_id === 'number' || typeof o.device_id === 'string' ? o.device_id : undefined;
  return String(o.ptc_login).split('|').map((login) => {
    const comma = login.indexOf(',');
    if (comma < 0) return 'a MAD ptc_login without a comma between login and password (MAD skips it too)';
    // As an object of our export's fields: a field not ours (mad_device_id) is kept as the account's own.
    const account: Record<string, unknown> = { username: login.slice(0, comma), password: login.slice(comma + 1), provider: 'ptc' };
    if (device !== undefined) account.mad_device_id = device;
    return account;
  });
}
