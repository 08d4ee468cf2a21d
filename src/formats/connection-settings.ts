// A database's or a proxy's connection settings beside a login and a password (`{"username",
// "password", "host", "database"}`, an FTP client's or a proxy tool's saved XML): the login is the
// connection's, no game account. One rule for every reader of named fields.
const HOSTS = ['host', 'hostname', 'server'];
const TARGETS = ['database', 'db', 'dbname', 'db_name', 'port'];

/** `has(name)`: whether the record holds a field of that lower-case name. */
export const isConnectionSettings = (has: (name: string) => boolean): boolean => HOSTS.some(has) && TARGETS.some(has);

export const CONNECTION_SETTINGS_REASON = 'connection settings (host, database or port), not an account';
