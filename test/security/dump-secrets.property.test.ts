// Property: whatever fields a dump puts beside its accounts (random names, secret-shaped text values,
// lists and objects holding such text), none of those values reaches any file of the pool's
// folder (shards, their record, the change log, history); the accounts themselves all do, and the
// import names each plainly named field it did not keep. Three readers that keep a dump's other
// fields: a generic JSON document, our JSON lines, PGPool's table as `mysql -B` prints it (its
// header as test/fixtures/dumps/pgpool-accounts.tsv has it, codename-art/PGPool pgpool/models.py)
// with columns a fork added. See account-fields.ts for the rule.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { roleOf } from '../../src/formats/lists/columns.js';
import { FIELD_ORDER } from '../../src/model.js';
import { TEXT_FIELDS } from '../../src/account-fields.js';
import { isWithheldName } from '../../src/withheld-field-names.js';

/** Names a reader reads as the account's own (its login, level, device...): not "beside" it. */
const READ = new Set<string>([...FIELD_ORDER, 'username', 'device', 'auth_service', 'system_id', 'last_modified', 'allocated', 'rest_until', 'warn', 'banned', 'ban_flag', 'shadowbanned', 'captcha']);
const fieldName = fc
  .stringMatching(/^[a-z][a-z0-9_]{2,24}$/)
  .filter((n) => !READ.has(n) && !TEXT_FIELDS.has(n) && roleOf(n) === undefined && !isWithheldName(n));
/** Key-, token- and credential-shaped text: letters and a digit at least, as keys are. */
const secret = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9_.+\/=:@-]{10,40}$/), fc.integer({ min: 0, max: 9 }))
  .map(([s, d]) => `Q${s}${d}`)
  .filter((s) => !/^\d{4}-/.test(s));
const extras = fc.uniqueArray(fc.tuple(fieldName, secret, fc.constantFrom('text', 'list', 'object')), { minLength: 1, maxLength: 6, selector: ([n]) => n });

async function poolText(dir: string): Promise<string> {
  const texts: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) texts.push(await readFile(path, 'latin1'));
    }
  };
  await walk(dir);
  return texts.join('\n');
}

const PGPOOL_HEADER = ['auth_service', 'username', 'password', 'email', 'last_modified', 'system_id', 'level', 'team', 'warn', 'banned', 'captcha'];

describe('random fields beside the accounts of a dump', () => {
  it('never put one of their values into any file of the pool', async () => {
    const pool = await makePool(2);
    let run = 0;
    await fc.assert(
      // One import of three files a run (each file its own reader): the property's cost is the import's.
      fc.asyncProperty(extras, async (fields) => {
        run++;
        const users = (kind: string) => [`${kind}${run}a`, `${kind}${run}b`];
        const object = (u: string) => {
          const o: Record<string, unknown> = { username: u, password: `Pw${run}-${u}`, level: 30 };
          for (const [name, value, shape] of fields) o[name] = shape === 'text' ? value : shape === 'list' ? [value] : { v: value };
          return o;
        };
        // A table's cells are text: each field's value as the client prints it.
        const header = [...PGPOOL_HEADER, ...fields.map(([n]) => n)];
        const row = (u: string) => ['ptc', u, `Pw${run}-${u}`, 'NULL', '2017-12-01 10:15:00', 'NULL', '30', 'mystic', '0', '0', '0', ...fields.map(([, v]) => v)];
        const files = {
          [`t${run}.tsv`]: [header, ...users('tsv').map(row)].map((r) => r.join('\t')).join('\n') + '\n',
          [`d${run}.json`]: JSON.stringify(users('json').map(object), null, 2),
          [`d${run}.jsonl`]: users('jsonl').map((u) => JSON.stringify(object(u))).join('\n') + '\n',
        };
        const paths = Object.keys(files).map((name) => join(pool.base, name));
        await Promise.all(Object.entries(files).map(([name, text]) => writeFile(join(pool.base, name), text)));
        const result = await cli(['import', ...paths, ...pool.args]);
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toContain(`t${run}.tsv: 2 added`);
        const said = result.stdout + result.stderr;
        const written = await poolText(pool.dir);
        for (const u of ['tsv', 'json', 'jsonl'].flatMap(users)) expect(written).toContain(`"${u}"`);
        for (const [name, value] of fields) {
          expect(written).not.toContain(value);
          expect(said).not.toContain(value);
          expect(said).toContain(name);
        }
      }),
      { numRuns: 10 },
    );
  });
});
