// A requirements file is judged by pip's grammar (src/formats/not-accounts/pip-requirement-lines.ts,
// after pip `src/pip/_internal/req/req_file.py` and PEP 508/440): random files of the lines pip reads
// (pins and ranges, extras, markers, `-r`/`-c`/`-e`/`-i` options, VCS URLs with `#egg=`, `--hash`
// options, comments, `\` continuations) never yield an account and are named as a requirements
// file; one account line of any common shape among them makes the file no requirements file.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { DumpError } from '../../src/formats/types.js';
import { knownFile } from '../../src/formats/not-accounts/known-files.js';
import { isPipLine } from '../../src/formats/not-accounts/pip-requirement-lines.js';
import { input } from './helpers.js';

const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,14}[A-Za-z0-9]$/).filter((n) => !/[._-]{2}/.test(n));
const version = fc
  .tuple(fc.nat(30), fc.nat(40), fc.option(fc.nat(20), { nil: undefined }), fc.constantFrom('', 'rc1', 'a2', 'b1', '.post1', '.dev0'))
  .map(([a, b, c, tail]) => `${a}.${b}${c === undefined ? '' : `.${c}`}${tail}`);
const op = fc.constantFrom('==', '>=', '<=', '~=', '!=', '<', '>');
const clause = fc.tuple(op, version).map(([o, v]) => `${o}${v}`);
const extras = fc.option(fc.array(name, { minLength: 1, maxLength: 2 }).map((e) => `[${e.join(',')}]`), { nil: '' });
const marker = fc
  .array(fc.tuple(fc.constantFrom('python_version', 'sys_platform', 'os_name', 'platform_system'), fc.constantFrom('==', '>=', '<', '!='), fc.constantFrom('"3.8"', '"win32"', "'posix'", '"Linux"')), { minLength: 1, maxLength: 3 })
  .chain((parts) => fc.constantFrom(' and ', ' or ').map((join) => parts.map(([v, o, s]) => `${v} ${o} ${s}`).join(join)));
const hex = fc.stringMatching(/^[0-9a-f]{64}$/);

/** A line that pins or bounds a version: every file holds one, as a requirements file has. */
const pinned = fc
  .tuple(name, extras, fc.array(clause, { minLength: 1, maxLength: 3 }), fc.option(marker, { nil: undefined }), fc.boolean())
  .map(([n, e, cs, m, spaced]) => `${n}${e}${spaced ? ' ' : ''}${cs.join(',')}${m === undefined ? '' : ` ; ${m}`}`);
const line = fc.oneof(
  pinned,
  name,
  fc.tuple(name, version, hex).map(([n, v, h]) => `${n}==${v} \\\n    --hash=sha256:${h}`),
  fc.tuple(name, name).map(([owner, repo]) => `git+https://github.com/${owner}/${repo}.git#egg=${repo}`),
  fc.tuple(name, name).map(([owner, repo]) => `-e git+https://github.com/${owner}/${repo}.git@master#egg=${repo}`),
  fc.constantFrom('-r base.txt', '-c constraints.txt', '--index-url https://pypi.org/simple', '--extra-index-url https://example.org/simple', '--pre', '--no-binary :all:'),
  fc.tuple(pinned, fc.stringMatching(/^[a-z ]{0,20}$/)).map(([l, c]) => `${l}  # ${c}`),
  fc.stringMatching(/^[A-Za-z ]{0,30}$/).map((c) => `# ${c}`),
);
const requirements = fc.tuple(pinned, fc.array(line, { maxLength: 15 })).chain(([p, ls]) => fc.shuffledSubarray([p, ...ls], { minLength: ls.length + 1 }));

const lower = fc.stringMatching(/^[a-z]{3,9}$/);
const username = fc.tuple(lower, fc.stringMatching(/^[0-9]{1,4}$/)).map(([a, b]) => a + b);
const password = fc.stringMatching(/^[A-Za-z0-9!#$%&*+?@^_-]{6,15}$/).filter((p) => /[A-Za-z]/.test(p) && /\d/.test(p));
/** An account as sellers and generators write one: the separators of their lists. */
const accountLine = fc
  .tuple(username, password, fc.constantFrom(':', ' ', ';', ',', '|', '\t', ' : ', '@gmail.com:', ' #'))
  .map(([u, p, sep]) => `${u}${sep}${p}`);

describe("requirements files by pip's grammar", () => {
  it('random requirement lines are named a requirements file', () => {
    fc.assert(
      fc.property(requirements, (lines) => {
        expect(knownFile(lines.join('\n') + '\n')).toBe("a Python requirements file (pip's packages and versions)");
      }),
      { numRuns: 200 },
    );
  });

  it('random requirement lines never yield an account when imported', async () => {
    await fc.assert(
      fc.asyncProperty(requirements, async (lines) => {
        const read = await readDump(input('requirements.txt', lines.join('\n') + '\n')).catch((e: unknown) => {
          expect(e).toBeInstanceOf(DumpError);
          expect(String(e)).toMatch(/a Python requirements file/);
          return undefined;
        });
        expect(read?.accounts ?? []).toEqual([]);
      }),
      { numRuns: 12 },
    );
  });

  it('one account line of any common shape among the pins makes the file no requirements file', () => {
    fc.assert(
      fc.property(requirements, accountLine, fc.nat(), (lines, account, at) => {
        const mixed = [...lines];
        mixed.splice(at % (mixed.length + 1), 0, account);
        expect(knownFile(mixed.join('\n'))).not.toBe("a Python requirements file (pip's packages and versions)");
      }),
      { numRuns: 200 },
    );
  });

  it("pip's other lines stay lines pip reads; an account's shapes, a password's `==`, a URL's port that is a password never are", () => {
    for (const l of ['pkg @ https://example.org/pkg-1.0.whl', '-rbase.txt', 'numpy (>=1.10)', 'pgoapi==1.2.*', 'pywin32==224; sys_platform == "win32"', '-e .', './dist/pkg-1.0.whl'])
      expect(isPipLine(l), l).toBe(true);
    for (const l of ['ash01:Pika1234', 'ash01 Pika1234', 'ash01==Pika!123', 'ash01===Pika1234', 'ash01/Pika1234', 'ash01@https://host:Pika1234', '--hash=sha256:0a1b', 'pkg==1.0 --hash=Pika1234'])
      expect(isPipLine(l), l).toBe(false);
  });
});
