# Reads an accounts file the way the scanners do, for the tests of our writers. Each reader
# follows the rules of the scanner's own parser (facts read from their source; the code is ours):
#
#   rocketmap-ac    RocketMap's -ac/--accountcsv (pogom/utils.py in RocketMap/RocketMap,
#                   codename-art/RocketMap, jdggraaf/RocketMap): the file opened in text mode, read
#                   line by line; the field count is the first line's comma count + 1 and any line
#                   with another count stops RocketMap; each line is stripped, blank and `#` lines
#                   skipped, split on "," and every field stripped (str.strip); 3+ fields are
#                   provider (ptc or google), username, password; an empty field stops RocketMap.
#   rocketmap-hlvl  RocketMap's -hlvl/--high-lvl-accounts: blank lines skipped, split on ",",
#                   fewer than 3 fields stops RocketMap, fields 0-2 stripped, the rest dropped.
#   monocle         Noctem/Monocle's load_accounts_csv (monocle/utils.py): csv.DictReader on the
#                   file opened with open(path, 'rt'), one dict per row, keyed by the header.
#   monocle-import  scripts/import_accounts.py of Hydro74000/Monocle and its forks (RaizeTheLimit,
#                   RobTwoThree's Monocle-Hydro and Monocle-Level30, xLeevo), which their READMEs use to
#                   load accounts.csv into the database (monocle/accounts.py Account.import_file,
#                   Hydro74000/Monocle a946010): the first row read with csv.reader must equal
#                   ['username','password','provider','model','iOS','id'] exactly, else the file is
#                   read as Goman's user:pass lines (a Stop here); the rows with csv.DictReader in its
#                   MonocleDialect (',' '"', skipinitialspace); for an account the instance already
#                   holds (a re-import, "Allow password change") the password is
#                   row['password'].strip().strip(','), Python 3's str.strip.
#   pgscout-utf8    PGScout's accounts_file, tomballgithub/PGScout-1 pgscout.py load_accounts:
#                   codecs.open(path, 'r', 'utf-8') read line by line, so a line ends wherever
#                   unicode.splitlines() ends one (\x0b \x0c \x1c-\x1e \x85 \u2028 \u2029 too, not
#                   only \n and \r); each line split on "," and every field unicode.strip()ped
#                   (Python 2.7, Unicode 5.2: U+180E is a space there); fields 0-2 are auth_service,
#                   username, password, and a line with fewer (a blank one) stops PGScout.
#   pgpool-import   PGPool's own readers of auth,username,password lines (sLoPPydrive/PGPool and
#                   richardsang2008/PGPool pgpool-import.py load_accounts_file: codecs.open(path, 'r',
#                   'utf-8') read line by line, lines ending as unicode.splitlines() ends them; the
#                   /account/add form's load_accounts in richardsang2008's pgpool.py, s.splitlines()):
#                   lines blank after unicode.strip() skipped; split on ","; 3 fields: auth, username,
#                   password, each stripped; 2: ptc, username, password; 1: split on ":" and the first
#                   two taken (none: IndexError, the import ends); any other count skipped without a word.
#   python2-bytes   The same reading on bytes: codename-art/PGPool's pgscout.py load_accounts and
#                   rakuuhwa/PGNumbra's pgnumbra/utils.py load_accounts (-a/--accounts-file):
#                   open(path, 'r') in Python 2, lines end at \n only, str.strip() removes ASCII
#                   blanks only; fields 0-2, fewer stop the tool. pgandev/PGScout's pgscout.py
#                   load_accounts (sLoPPydrive's first PGScout with PGPool) reads the same way.
#   pgnumbra-ngovil21  ngovil21/PGNumbra pgnumbra/utils.py load_accounts (-a): Python 2 bytes as
#                   above, lines blank after str.strip() skipped; split on ","; 3 fields: auth,
#                   username, password, each stripped; 2: ptc, username, password; 1: split on ":"
#                   (no ":": IndexError, the tool stops); any other count takes the previous
#                   line's auth, username and password again (none yet: UnboundLocalError, it stops).
#
#   pogoaccountcheck  sebastienvercammen/PoGoAccountCheck's banned.py -f FILE (as its fork
#                   weizh888/PoGoAccountCheck keeps it; "RocketMap csv format"): Python 2, open(path)
#                   readlines(), so lines end at \n only; each line str.strip()ped (ASCII blanks) and
#                   split on ",", the fields themselves never stripped, unpacked into provider,
#                   username, password: any other count (a blank line too) is a ValueError that stops it.
#   potatocheck     KartulUdus/PoTatoCheck's logincheck.py -ac FILE (and its password-changer.py):
#                   Python 2, the file's lines as they come (ending at \n), each split on ",", the
#                   last field alone str.strip()ped, fields 1 and 2 the login and password (a line
#                   with fewer is skipped: IndexError); a working account printed back ','.join()ed.
#   pogoaccountserver  domizei385/pogoAccountServer's accounts.txt (see pogoaccountserver below).
#   jdggraaf        jdggraaf/RocketMap's tools (accountloader.py, blindCheck.py, levelup.py, lureparty.py: -ac
#                   FILE) through accounts.py AccountManager.load_accounts: the first line read alone;
#                   holding both "username" and "password" (case-sensitive, anywhere in it), the file is
#                   a Monocle CSV, read with csv.DictReader (load_accounts_csv_monocle); else not
#                   starting with "ptc" or "google", Selly's user:pass lines (load_accounts_selly_ptc:
#                   ":" made ",", fields 0 and 1 stripped, ptc); else RocketMap's -ac reading above,
#                   where a blank or "#" line still adds an empty account (a KeyError in
#                   insert_accounts). Each account as accountdbsql.py insert_account stores it:
#                   username, password, scannerutil.auth_service (auth_service, else provider), model,
#                   iOS, scannerutil.device_id (device_id, else id).
#   monocle-device  The device Noctem/Monocle's worker presents for each account of the file
#                   (monocle/utils.py at f6855e9: load_accounts_csv, accounts_from_csv, get_device_info,
#                   generate_device_info): on a first start (no pickle) a row with any of model, iOS,
#                   id empty gets a whole random device; once accounts.pickle holds other accounts a
#                   new row is kept as it is, and get_device_info makes one when the model is not in
#                   IPHONES (KeyError), else presents model, iOS and id as they are (an empty id sent).
#                   model/iOS/id: the first start's; pickled_*: the later start's.
#   monocle-import-existing  What a Monocle fork's scripts/import_accounts.py stores for an account its
#                   database already holds (not in its pickle): RaizeTheLimit/Monocle monocle/accounts.py
#                   Account.import_file takes the row as it is (`account = row`) and from_account_dict
#                   sets model, device_version and device_id from it whenever the key is there.
#   monocle-restart  What Noctem/Monocle logs in with on a start after one on another file (monocle/utils.py
#                   at f6855e9, load_accounts, load_accounts_csv, accounts_from_csv; pickles/accounts.pickle
#                   written by dump_pickle between the starts): the first start reads the first file whole
#                   (no pickle) and pickles it; on the second, a file naming exactly the pickle's usernames
#                   (set(pickled_accounts) == set(accounts)) gives the pickle whole, else accounts_from_csv
#                   merges the two, a pickled password that differs from the file's deleted first, so the
#                   file's wins. FILE arguments come in pairs, the earlier file then the later.
#
# usage: python3 scanner_read.py MODE FILE...  -> one line per file: {"accounts": [...]} or {"error": "..."}
#        python3 scanner_read.py isspace        -> the code points Python's str.strip() removes
import csv
import json
import sys


class Stop(Exception):
    """RocketMap would exit here (sys.exit or an exception) instead of starting."""


def rocketmap_ac(path, skipped_as_empty=False):
    """skipped_as_empty: a blank or comment line still adds an empty account (jdggraaf's copy)."""
    accounts = []
    expected = None
    with open(path, 'r', encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            if expected is None:
                expected = line.count(',') + 1
            if line.count(',') + 1 != expected:
                raise Stop('line %d has another field count' % number)
            line = line.strip()
            if not line or line.startswith('#'):
                if skipped_as_empty:
                    accounts.append({})
                continue
            fields = [field.strip() for field in line.split(',')]
            if expected < 3:
                raise Stop('not the provider,username,password form')
            if fields[0].lower() not in ('ptc', 'google'):
                raise Stop('line %d: provider' % number)
            if not fields[1] or not fields[2]:
                raise Stop('line %d: empty field' % number)
            accounts.append({'provider': fields[0], 'username': fields[1], 'password': fields[2]})
    return accounts


def rocketmap_hlvl(path):
    accounts = []
    with open(path, 'r', encoding='utf-8') as f:
        for line in f:
            if not line.strip():
                continue
            fields = line.split(',')
            if len(fields) < 3:
                raise Stop('a line with fewer than 3 fields')
            accounts.append({'provider': fields[0].strip(), 'username': fields[1].strip(), 'password': fields[2].strip()})
    return accounts


def monocle(path):
    with open(path, 'rt', encoding='utf-8') as f:
        return [dict(row) for row in csv.DictReader(f)]


MONOCLE_IMPORT_HEADER = ['username', 'password', 'provider', 'model', 'iOS', 'id']


class MonocleDialect(csv.Dialect):
    delimiter = ','
    quotechar = '"'
    quoting = csv.QUOTE_MINIMAL
    lineterminator = '\n'
    skipinitialspace = True


def monocle_import(path):
    with open(path, 'rt', encoding='utf-8') as f:
        if next(csv.reader(f), None) != MONOCLE_IMPORT_HEADER:
            raise Stop('not the Monocle header: read as Goman user:pass lines')
    with open(path, 'rt', encoding='utf-8') as f:
        rows = [dict(row) for row in csv.DictReader(f, dialect=MonocleDialect)]
    for row in rows:
        row['password'] = row['password'].strip().strip(',')
    return rows


# Python 2.7's unicode.isspace(): Python 3's str.isspace() and U+180E (MONGOLIAN VOWEL SEPARATOR,
# a space until Unicode 6.3; Python 2.7.18's unicodedata is 5.2.0).
PY27_UNICODE_SPACE = ''.join(chr(c) for c in range(0x110000) if chr(c).isspace()) + '\u180e'


def first_three(fields, number):
    if len(fields) < 3:
        raise Stop('line %d has fewer than 3 fields' % number)
    return {'provider': fields[0], 'username': fields[1], 'password': fields[2]}


def pgscout_utf8(path):
    with open(path, 'r', encoding='utf-8', newline='') as f:
        text = f.read()
    # str.splitlines (Python 3) ends lines at exactly the characters Python 2.7's unicode.splitlines does.
    lines = text.splitlines(True)
    return [first_three([field.strip(PY27_UNICODE_SPACE) for field in line.split(',')], n) for n, line in enumerate(lines, 1)]


def pgpool_import(path):
    with open(path, 'r', encoding='utf-8', newline='') as f:
        text = f.read()
    accounts = []
    for line in text.splitlines(True):
        if line.strip(PY27_UNICODE_SPACE) == '':
            continue
        fields = line.split(',')
        if len(fields) == 3:
            auth, usr, pwd = (field.strip(PY27_UNICODE_SPACE) for field in fields)
        elif len(fields) == 2:
            auth, (usr, pwd) = 'ptc', (field.strip(PY27_UNICODE_SPACE) for field in fields)
        elif len(fields) == 1:
            fields = line.split(':')
            auth, usr, pwd = 'ptc', fields[0].strip(PY27_UNICODE_SPACE), fields[1].strip(PY27_UNICODE_SPACE)
        else:
            continue  # PGPool skipped it without a word
        accounts.append({'provider': auth, 'username': usr, 'password': pwd})
    return accounts


def python2_bytes(path):
    accounts = []
    with open(path, 'rb') as f:
        for number, line in enumerate(f, 1):  # binary lines end at b'\n' only, as Python 2's 'r' on Linux
            # bytes.strip() removes what Python 2's str.strip() does: b' \t\n\r\x0b\x0c'.
            fields = [field.strip().decode('utf-8', 'surrogateescape') for field in line.split(b',')]
            accounts.append(first_three(fields, number))
    return accounts


def pgnumbra_ngovil21(path):
    accounts = []
    last = None
    with open(path, 'rb') as f:
        for number, line in enumerate(f, 1):
            if line.strip() == b'':
                continue
            fields = line.split(b',')
            if len(fields) == 3:
                last = [field.strip() for field in fields]
            elif len(fields) == 2:
                last = [b'ptc'] + [field.strip() for field in fields]
            elif len(fields) == 1:
                parts = line.split(b':')
                last = [b'ptc', parts[0].strip(), parts[1].strip()]
            elif last is None:
                raise Stop('line %d: %d fields before any account (UnboundLocalError)' % (number, len(fields)))
            accounts.append(first_three([field.decode('utf-8', 'surrogateescape') for field in last], number))
    return accounts


def jdggraaf_stored(account):
    if 'username' not in account or 'password' not in account:
        raise Stop('an account without a username or password (KeyError in insert_accounts)')
    return {'username': account['username'], 'password': account['password'],
            'provider': account.get('auth_service', account.get('provider', account.get('auth'))),
            'model': account.get('model'), 'iOS': account.get('iOS'), 'id': account.get('device_id', account.get('id'))}


def jdggraaf(path):
    with open(path, 'r', encoding='utf-8') as f:
        first_line = f.readline()
    if 'username' in first_line and 'password' in first_line:
        with open(path, 'rt', encoding='utf-8') as f:
            accounts = [dict(row) for row in csv.DictReader(f)]
    elif not first_line.startswith('ptc') and not first_line.startswith('google'):
        accounts = []
        with open(path, 'rt', encoding='utf-8') as f:
            for line in f.readlines():
                if len(line.strip()) == 0:
                    continue
                withcomma = line.replace(':', ',')
                if withcomma.startswith(','):
                    withcomma = withcomma[1:]
                fields = withcomma.split(',')
                accounts.append({'username': fields[0].strip(), 'password': fields[1].strip(), 'auth_service': 'ptc'})
    elif first_line.count(',') > 2:
        raise Stop('Too many fields in accounts file')
    else:
        accounts = rocketmap_ac(path, skipped_as_empty=True)
    return [jdggraaf_stored(account) for account in accounts]


def pogoaccountcheck(path):
    with open(path, 'rb') as f:
        credentials = [line.strip().split(b',') for line in f.readlines()]
    accounts = []
    for number, fields in enumerate(credentials, 1):
        if len(fields) != 3:
            raise Stop('line %d: %d fields, not provider, username, password (ValueError)' % (number, len(fields)))
        provider, username, password = (field.decode('utf-8', 'surrogateescape') for field in fields)
        accounts.append({'provider': provider, 'username': username, 'password': password})
    return accounts


def potatocheck(path):
    accounts = []
    with open(path, 'rb') as f:
        for line in f:
            potato = line.split(b',')
            potato[-1] = potato[-1].strip()
            if len(potato) < 3:
                continue
            provider, username, password = (field.decode('utf-8', 'surrogateescape') for field in potato[:3])
            accounts.append({'provider': provider, 'username': username, 'password': password})
    return accounts


def pogoaccountserver(path):
    """domizei385/pogoAccountServer server.py load_accounts_from_file (19967c0, line 88): Python 3
    text mode in the locale's encoding (UTF-8 in its image, python:3.9-slim, LANG=C.UTF-8), lines
    ending at \\n, \\r or \\r\\n; each line str.strip()ped and split on ","; more than two fields
    warned about and skipped, fewer (a blank line) a ValueError caught and skipped; the fields
    never stripped. Then its table (sql/accounts.sql): `username varchar(20)`, so a longer login
    is cut (or, under MySQL's strict mode, fails the whole executemany and the server's start)."""
    accounts = []
    with open(path, 'r', encoding='utf-8') as f:
        for line in f:
            try:
                split = line.strip().split(',')
                if len(split) > 2:
                    continue
                username, password = split
                accounts.append({'username': username, 'password': password})
            except ValueError:
                continue
    for account in accounts:
        if len(account['username']) > 20:
            raise Stop('a login over varchar(20)')
    return accounts


NOCTEM_IPHONES = ['iPhone5,1', 'iPhone5,2', 'iPhone5,3', 'iPhone5,4', 'iPhone6,1', 'iPhone6,2', 'iPhone7,1', 'iPhone7,2',
                  'iPhone8,1', 'iPhone8,2', 'iPhone8,4', 'iPhone9,1', 'iPhone9,2', 'iPhone9,3', 'iPhone9,4']


def noctem_generated(account):
    import random
    import uuid
    account['model'] = random.choice(NOCTEM_IPHONES)
    account['id'] = uuid.uuid4().hex
    account['iOS'] = random.choice(('10.3.3', '9.3.5'))  # which release does not matter here
    return account


def noctem_presented(account):
    try:
        account['iOS'].startswith('1')
        if account['model'] not in NOCTEM_IPHONES:
            raise KeyError(account['model'])
    except (KeyError, AttributeError):
        return noctem_presented(noctem_generated(account))
    return account['model'], account['iOS'], account['id']


def monocle_device(path):
    rows = monocle(path)
    result = []
    for row in rows:
        first = dict(row)
        if not all(first.get(x) for x in ('model', 'iOS', 'id')):
            first = noctem_generated(first)
        model, ios, device_id = noctem_presented(first)
        p_model, p_ios, p_id = noctem_presented(dict(row))
        result.append({'username': row['username'], 'model': model, 'iOS': ios, 'id': device_id, 'pickled_model': p_model, 'pickled_iOS': p_ios, 'pickled_id': p_id})
    return result


def monocle_import_existing(path):
    stored = []
    for row in monocle_import(path):
        db = {'username': row['username'], 'model': 'iPhone9,3', 'iOS': '10.3.3', 'id': 'f' * 32}  # the device the fork gave it
        for key in ('model', 'iOS', 'id'):
            if key in row:
                db[key] = row[key]
        stored.append(db)
    return stored


def noctem_load_accounts(path, pickled_accounts):
    with open(path, 'rt', encoding='utf-8') as f:
        accounts = {row['username']: dict(row) for row in csv.DictReader(f)}
    if pickled_accounts and set(pickled_accounts) == set(accounts):
        return pickled_accounts
    merged = {}
    for username, account in accounts.items():
        if pickled_accounts:
            pickled_account = pickled_accounts.get(username)
            if pickled_account:
                if pickled_account['password'] != account['password']:
                    del pickled_account['password']
                account.update(pickled_account)
            merged[username] = account
            continue
        account['provider'] = account.get('provider') or 'ptc'
        if not all(account.get(x) for x in ('model', 'iOS', 'id')):
            account = noctem_generated(account)
        account['time'] = 0
        account['captcha'] = False
        account['banned'] = False
        merged[username] = account
    return merged


def monocle_restart(earlier, later):
    import pickle
    pickled = pickle.loads(pickle.dumps(noctem_load_accounts(earlier, None)))  # dump_pickle, then load_pickle
    return [{'username': username, 'password': account['password']} for username, account in noctem_load_accounts(later, pickled).items()]


READERS = {'monocle-device': monocle_device, 'monocle-import-existing': monocle_import_existing, 'rocketmap-ac': rocketmap_ac, 'rocketmap-hlvl': rocketmap_hlvl, 'monocle': monocle, 'monocle-import': monocle_import, 'pgscout-utf8': pgscout_utf8, 'pgpool-import': pgpool_import, 'python2-bytes': python2_bytes, 'pgnumbra-ngovil21': pgnumbra_ngovil21, 'jdggraaf': jdggraaf, 'pogoaccountcheck': pogoaccountcheck, 'potatocheck': potatocheck, 'pogoaccountserver': pogoaccountserver}

if __name__ == '__main__':
    mode = sys.argv[1]
    if mode == 'isspace':
        print(json.dumps([c for c in range(0x110000) if chr(c).isspace()]))
        sys.exit(0)
    paths = sys.argv[2:]
    calls = [(paths[i], paths[i + 1]) for i in range(0, len(paths), 2)] if mode == 'monocle-restart' else [(path,) for path in paths]
    for files in calls:
        try:
            print(json.dumps({'accounts': (monocle_restart if mode == 'monocle-restart' else READERS[mode])(*files)}))
        except (Stop, csv.Error, IndexError, KeyError) as error:
            print(json.dumps({'error': '%s: %s' % (type(error).__name__, error)}))
