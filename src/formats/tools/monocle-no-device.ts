// An account written to a Monocle file without a device (export of accounts never allocated:
// allocate and serve give each a device it keeps) has empty model, iOS and id columns. Noctem's
// Monocle makes it a whole device then (monocle/utils.py accounts_from_csv on a first start,
// get_device_info's KeyError once a pickle exists): never an empty id sent. But a Monocle fork's
// scripts/import_accounts.py, importing the file again over a database that already holds the
// account, stores the empty columns over the device it gave it (RaizeTheLimit/Monocle
// monocle/accounts.py Account.import_file: `account = row`, from_account_dict), and the next
// login makes another: the account changes phone at each such import. The operator is told.

/** The warning for `missing` accounts of a Monocle file written without a device, or undefined. */
export function noDeviceWarning(missing: number): string | undefined {
  if (missing === 0) return undefined;
  const one = missing === 1;
  return `warning: ${missing} account${one ? '' : 's'} in the Monocle file ${one ? 'has' : 'have'} no device yet (never allocated): Monocle makes one, but a Monocle fork's scripts/import_accounts.py, run again on such a file, empties the device its database gave ${one ? 'it' : 'them'} and the next login makes another (a new phone at each import); allocate gives each account a device it keeps`;
}
