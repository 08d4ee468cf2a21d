// ProjectMew (PhoenixICE/ProjectMew, 2016), a C# console bot, keeps `Config/Config.json`: the
// fields of `ProjectMew/Config/ConfigFile.cs` (`RefreshToken`, `PtcUserName`, `PtcPassword`,
// `Longitude`, `Latitude`, `Altitude`, `EvolveList`, `EvolveListIsBlack`), written by Json.NET
// indented (`FileTools.SetupConfig` rewrites it at each start, the unset ones `null`). Json.NET
// matches the names in any case. Its logins (`Commands.cs` `Login`, `PSPlayer.cs`): PTC by
// `login ptc USER PASS` typed at the console; Google by a device code, whose refresh token it
// keeps in `RefreshToken`. So a filled `PtcUserName`/`PtcPassword` pair is the owner's PTC login,
// read exact as a PTC account; a `RefreshToken` alone is a Google session with no username or
// password, refused by its line (never imported as an account, never printed); the file as the
// bot writes it (both null) has no account. The location and the evolve list never enter the pool.
import { lineProblem } from '../lists/account-line.js';
import { jsonObject } from '../jsonl.js';
import { keyLines } from '../json-key-lines.js';
import { DumpError, type DumpAccount, type DumpFormat, type DumpInput, type DumpResult, type Rejection } from '../types.js';

const NAME = 'projectmew-config';

/** The file's fields by lower-case name; undefined when it is not ProjectMew's Config.json. */
function configFields(input: DumpInput): Map<string, unknown> | undefined {
  const text = input.text.trimStart();
  if (text[0] !== '{' || text.length > 100_000 || !/"RefreshToken"\s*:/i.test(text) || !/"PtcUserName"\s*:/i.test(text)) return undefined;
  const value = jsonObject(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (!value) return undefined;
  const fields = new Map(Object.entries(value).map(([k, v]) => [k.toLowerCase(), v]));
  return fields.has('refreshtoken') && fields.has('ptcusername') && fields.has('ptcpassword') ? fields : undefined;
}

export function detectProjectMewConfig(input: DumpInput): number {
  return configFields(input) ? 0.99 : 0;
}

export function parseProjectMewConfig(input: DumpInput): DumpResult {
  const fields = configFields(input);
  if (!fields) throw new DumpError("is not ProjectMew's Config.json (RefreshToken, PtcUserName, PtcPassword)", input.name, 1);
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const line = keyLines(input.text, 'ptcusername')[0] ?? 1;
  const tokenLine = keyLines(input.text, 'refreshtoken')[0] ?? 1;
  const text = (key: string): string | undefined => {
    const v = fields.get(key);
    return v === null || v === undefined ? '' : typeof v === 'string' ? v : undefined;
  };
  const user = text('ptcusername');
  const pass = text('ptcpassword');
  if (user === undefined || pass === undefined) {
    rejected.push({ line, reason: `${user === undefined ? 'PtcUserName' : 'PtcPassword'} is not a string: ProjectMew's config would not load` });
  } else if (user === '' && pass === '') {
    const token = text('refreshtoken');
    rejected.push(
      token
        ? { line: tokenLine, reason: 'only a Google refresh token (ProjectMew\'s device-code login): a session, not a username and password to import' }
        : { line, reason: 'no PtcUserName and PtcPassword filled in (ProjectMew writes them null and logs in with `login ptc USER PASS` at its console)' },
    );
  } else if (user === '' || pass === '') {
    rejected.push({ line, reason: `the PTC login is half filled (${user === '' ? 'no PtcUserName' : 'no PtcPassword'})` });
  } else {
    const problem = lineProblem(user, pass);
    if (problem) rejected.push({ line, reason: problem });
    else accounts.push({ username: user, password: pass, provider: 'ptc', line });
  }
  return { format: NAME, accounts, rejected };
}

export const projectMewConfig: DumpFormat = { name: NAME, detect: detectProjectMewConfig, parse: parseProjectMewConfig };
