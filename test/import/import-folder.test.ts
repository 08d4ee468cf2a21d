// `accountpool import DIR`: every file below a folder, by the inbox's rules (src/commands/import-paths.ts).
import { describe, expect, it } from 'vitest';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { cli } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';

async function put(path: string, text: string): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
}

async function account(pool: TestPool, name: string) {
  return (await (await pool.open()).read()).get(name);
}

/** A seller's unpacked zip: two dumps at the top, one in a level folder, and the junk such folders hold. */
async function sellerFolder(pool: TestPool): Promise<string> {
  const dir = join(pool.base, 'order-1234');
  await put(join(dir, 'a.txt'), 'alice:pw-alice\n');
  await put(join(dir, 'b.csv'), 'username,password\nbob,pw-bob\n');
  await put(join(dir, 'level-31', 'deep', 'c.txt'), 'carol:pw-carol\n');
  await put(join(dir, '.DS_Store'), 'binary junk');
  await put(join(dir, '.git', 'config'), '[core]\n');
  await put(join(dir, 'd.txt.part'), 'dave:pw-dave\n');
  return dir;
}

describe('import DIR', () => {
  it('imports every file below the folder, a level folder giving its level, hidden and partial names skipped and said', async () => {
    const pool = await makePool(4);
    const dir = await sellerFolder(pool);
    const result = await cli(['import', dir, '--level', '30', ...pool.args]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [`imported ${join(dir, 'a.txt')}: 1 added, 0 updated, 0 rejected`, `imported ${join(dir, 'b.csv')}: 1 added, 0 updated, 0 rejected`, `imported ${join(dir, 'level-31/deep/c.txt')}: 1 added, 0 updated, 0 rejected`, ''].join('\n'),
    );
    expect(result.stderr).toContain(`${dir}: skipped 3 by name (hidden or partial): .DS_Store, .git/, d.txt.part`);
    expect(result.stderr).toContain('3 files, 3 imported, 0 refused');
    expect((await account(pool, 'alice'))!.level).toBe(30);
    expect((await account(pool, 'carol'))!.level).toBe(31);
    expect(await account(pool, 'dave')).toBeUndefined();
    // Name order decides who goes first among never-used accounts.
    expect((await account(pool, 'alice'))!.seq).toBeLessThan((await account(pool, 'bob'))!.seq);
    expect((await account(pool, 'bob'))!.seq).toBeLessThan((await account(pool, 'carol'))!.seq);
    expect(result.stdout + result.stderr).not.toMatch(/pw-/);
  });

  it('a file whose name is not UTF-8 (a zip unpacked with latin-1 names) is imported and named with \\xNN for its bytes', async () => {
    const pool = await makePool(4);
    const dir = join(pool.base, 'unpacked');
    await mkdir(dir);
    // `café_L25.txt` in latin-1: the byte 0xE9 is no UTF-8. Linux keeps the name as these bytes.
    await writeFile(Buffer.concat([Buffer.from(dir + '/caf'), Buffer.from([0xe9]), Buffer.from('_L25.txt')]), 'latinuser:pw-latin\n');
    const result = await cli(['import', dir, ...pool.args]);
    expect(result.stderr).not.toContain('no such file');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`imported ${join(dir, 'caf\\xE9_L25.txt')}: 1 added`);
    expect(await account(pool, 'latinuser')).toMatchObject({ password: 'pw-latin', level: 25 });
  });

  it('--dry-run previews each file of the folder and writes nothing', async () => {
    const pool = await makePool(4);
    const dir = await sellerFolder(pool);
    const before = await readFile(join(pool.dir, 'accountpool.yaml'), 'utf8');
    const result = await cli(['import', dir, '--level', '30', '--dry-run', ...pool.args]);
    expect(result.code).toBe(0);
    for (const name of ['a.txt', 'b.csv', 'level-31/deep/c.txt']) expect(result.stdout).toContain(`would import ${join(dir, name)}: 1 added`);
    expect(result.stdout).toMatch(/carol.*31|31.*carol/);
    expect(await account(pool, 'alice')).toBeUndefined();
    expect(await readFile(join(pool.dir, 'accountpool.yaml'), 'utf8')).toBe(before);
  });

  it('a refused file does not stop the others: each refusal names file and line, the exit is non-zero', async () => {
    const pool = await makePool(4);
    const dir = join(pool.base, 'mixed');
    await put(join(dir, '1-good.txt'), 'good1:pw-1\n');
    await put(join(dir, '2-nolevel.txt'), 'nolevel:pw-2\n');
    await put(join(dir, 'level-99', 'x.txt'), 'toohigh:pw-3\n');
    await put(join(dir, '3-proxies.txt'), '10.0.0.1:8080\n10.0.0.2:8080\n10.0.0.3:3128\n');
    await put(join(dir, 'level-30', '4-good.txt'), 'good2:pw-4\n');
    const result = await cli(['import', dir, ...pool.args]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`imported ${join(dir, 'level-30/4-good.txt')}: 1 added`);
    expect(result.stderr).toContain(`${join(dir, '1-good.txt')}:1: no level known`);
    expect(result.stderr).toContain(`${join(dir, '2-nolevel.txt')}:1: no level known`);
    expect(result.stderr).toContain(`${join(dir, 'level-99/x.txt')}: folder level-99/ names level 99`);
    expect(result.stderr).toContain(`${join(dir, '3-proxies.txt')}:`);
    expect(result.stderr).toContain('5 files, 1 imported, 4 refused');
    expect((await account(pool, 'good2'))!.level).toBe(30);
    expect(await account(pool, 'toohigh')).toBeUndefined();
  });

  it('takes files and folders mixed, each file once, and refuses an empty folder, a link to a folder and a FIFO by name', async () => {
    const pool = await makePool(4);
    const dir = join(pool.base, 'drop');
    await put(join(dir, 'a.txt'), 'ann:pw-a\n');
    const single = join(pool.base, 'single.txt');
    await put(single, 'sam:pw-s\n');
    const empty = join(pool.base, 'empty');
    await mkdir(join(empty, '.hidden'), { recursive: true });
    await symlink(pool.base, join(dir, 'loop'));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const result = await cli(['import', single, dir, join(dir, 'a.txt'), empty, '--level', '30', ...pool.args]);
    expect(result.code).toBe(1);
    expect(result.stdout.match(/imported .*a\.txt/g)).toHaveLength(1);
    expect(result.stdout).toContain(`imported ${single}: 1 added`);
    expect(result.stderr).toContain(`${join(dir, 'loop')}: a link to a folder, not followed`);
    expect(result.stderr).toContain(`${join(dir, 'pipe')}: is a FIFO, not a file`);
    expect(result.stderr).toContain(`${empty}: a folder with no file to import (skipped by name: .hidden/)`);
    expect((await account(pool, 'ann'))!.level).toBe(30);
    expect((await account(pool, 'sam'))!.level).toBe(30);
  });

  it("the inbox, named or met in a folder: its imported/ and failed/ are not imported again, nor the pool's own folder", async () => {
    const pool = await makePool(4);
    const inbox = join(pool.base, 'inbox'); // the config's default: ../inbox beside the pool
    await put(join(inbox, 'new.txt'), 'nina:pw-n\n');
    await put(join(inbox, 'imported', 'old.txt'), 'olga:pw-o\n');
    await put(join(inbox, 'failed', 'bad.txt'), 'bert:pw-b\n');
    const fromInbox = await cli(['import', inbox, '--level', '30', ...pool.args]);
    expect(fromInbox.code).toBe(0);
    expect(await account(pool, 'nina')).toBeDefined();
    expect(await account(pool, 'olga')).toBeUndefined();
    expect(await account(pool, 'bert')).toBeUndefined();
    // A level folder of the inbox named itself keeps its level, as the watcher would give it.
    await put(join(inbox, 'level-32', 'x.txt'), 'xena:pw-x\n');
    expect((await cli(['import', join(inbox, 'level-32'), ...pool.args])).code).toBe(0);
    expect((await account(pool, 'xena'))!.level).toBe(32);
    // `import .` from the folder above the pool: the pool's own files are no dump.
    const above = await cli(['import', '.', '--level', '30', ...pool.args], { cwd: pool.base });
    expect(above.stderr).toContain('skipped 3 by name (hidden or partial): inbox/failed/, inbox/imported/, pool/ (the pool)');
    expect(above.stdout).toBe('imported inbox/level-32/x.txt: 0 added, 0 updated, 1 unchanged, 0 rejected\nimported inbox/new.txt: 0 added, 0 updated, 1 unchanged, 0 rejected\n');
    expect(above.code).toBe(0);
  });

  it('a columns folder (`columns-user,level,pass/`) gives its lists\' columns, as in the inbox; import --help names it', async () => {
    const pool = await makePool(4);
    const dir = join(pool.base, 'stock');
    await put(join(dir, 'columns-user,level,pass', 'mid.txt'), 'ash01x 30 Pw1!a\nash02x 31 Pw2!b\n');
    const result = await cli(['import', dir, ...pool.args]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2 added, 0 updated, 0 rejected');
    expect((await account(pool, 'ash02x'))?.level).toBe(31);
    const help = await cli(['import', '--help']);
    expect(help.stdout).toContain('columns-LIST/');
  });
});

// A folder is one dump: a compose file there is read with the `.env` compose-go reads beside it
// (compose-spec/compose-go `cli/options.go` WithDotEnv) and its services' `env_file:` files
// (compose-go `types/project.go` WithServicesEnvironmentResolved), a pod spec with the Secrets of
// the manifests beside it; those files are not imported again alone, and nothing outside the
// folder is read (src/commands/import-companions.ts, src/import/container-batch.ts).
describe('import DIR holding containers and the files they take settings from', () => {
  const compose = ['services:', '  bot:', '    image: benmag/pokemongo-bot', '    env_file: ./env/bot.env', '  map:', '    image: rocketmap/rocketmap', '    env_file:', '      - ../outside.env', '      - map.env', '    environment:', '      POGOMAP_PASSWORD: ${MAP_PASS}', ''].join('\n');

  it('reads env_file and .env with the compose file, once; a path out of the folder or a link refused by its line', async () => {
    const pool = await makePool(4);
    const dir = join(pool.base, 'stack');
    await put(join(dir, 'docker-compose.yml'), compose);
    await put(join(dir, '.env'), "MAP_PASS='Ma$p1pw'\n");
    await put(join(dir, 'env', 'bot.env'), 'USERNAME=ash_f1\nPASSWORD=Pika1pw\nAUTH_SERVICE=ptc\n');
    await put(join(dir, 'map.env'), 'POGOMAP_USERNAME=ash_f2\n');
    // The override compose merges over docker-compose.yml on its own: its variable wins (compose-override.ts).
    await put(join(dir, 'docker-compose.override.yml'), ['services:', '  bot:', '    environment:', '      PASSWORD: Pika1ov', ''].join('\n'));
    await put(join(pool.base, 'outside.env'), 'POGOMAP_USERNAME=ash_out\nPOGOMAP_PASSWORD=Out1pw\n');
    const result = await cli(['import', dir, '--level', '30', ...pool.args]);
    expect(result.stdout).toBe(`imported ${join(dir, 'docker-compose.yml')}: 2 added, 0 updated, 1 rejected (line 8)\n`);
    expect(result.stderr).toContain(`${join(dir, 'env/bot.env')}: read with ${join(dir, 'docker-compose.yml')}`);
    expect(result.stderr).toContain(`${join(dir, 'map.env')}: read with`);
    // The .env compose reads is said read with it, not skipped for its hidden name.
    expect(result.stderr).toContain(`${join(dir, '.env')}: read with ${join(dir, 'docker-compose.yml')}`);
    expect(result.stderr).not.toContain('skipped');
    expect(result.stderr).toMatch(/docker-compose\.yml:8: rejected: env_file \.\.\/outside\.env leads outside this dump/);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${join(dir, 'docker-compose.override.yml')}: read with ${join(dir, 'docker-compose.yml')}`);
    expect(await account(pool, 'ash_f1')).toMatchObject({ password: 'Pika1ov' });
    expect(await account(pool, 'ash_f2')).toMatchObject({ password: 'Ma$p1pw' });
    expect(await account(pool, 'ash_out')).toBeUndefined();
    expect(result.stdout + result.stderr).not.toMatch(/Pika1pw|Pika1ov|Ma\$p1pw|Out1pw/);
    // Alone, the compose file is read as before: its variables unknown, nothing guessed.
    const alone = await cli(['import', join(dir, 'docker-compose.yml'), '--dry-run', '--level', '30', ...pool.args]);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toMatch(/no accounts found; .*line 4: env_file \.\/env\/bot\.env is not in this dump.*\(import the folder or archive holding them with it\)/);
  });

  // Each judged by the file opened (O_NOFOLLOW, O_NONBLOCK: import-companions.ts), so neither a
  // link nor a FIFO swapped in after a look at the name is followed or waited on.
  it('an env file that is a link is never followed, one that is a FIFO never waited on; a pod spec gets the Secret of the manifest beside it', async () => {
    const pool = await makePool(4);
    const dir = join(pool.base, 'k8s');
    await put(join(pool.base, 'elsewhere.env'), 'USERNAME=ash_link\nPASSWORD=Link1pw\n');
    await put(join(dir, 'compose.yaml'), ['services:', '  bot:', '    image: benmag/pokemongo-bot', '    env_file: linked.env', '  other:', '    image: benmag/pokemongo-bot', '    env_file: fifo.env', ''].join('\n'));
    await symlink(join(pool.base, 'elsewhere.env'), join(dir, 'linked.env'));
    execFileSync('mkfifo', [join(dir, 'fifo.env')]);
    await put(join(dir, 'pod.yaml'), ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: bot', 'spec:', '  containers:', '    - name: bot', '      image: benmag/pokemongo-bot', '      envFrom:', '        - secretRef:', '            name: bot-login', ''].join('\n'));
    await put(join(dir, 'secret.yaml'), ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: bot-login', 'data:', `  USERNAME: ${Buffer.from('ash_f3').toString('base64')}`, `  PASSWORD: ${Buffer.from('Pika3pw').toString('base64')}`, ''].join('\n'));
    // One key of a Secret in another manifest (valueFrom: secretKeyRef), as the kubelet gives it.
    const deploy = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: map', 'spec:', '  template:', '    spec:', '      containers:', '        - name: map', '          image: rocketmap/rocketmap', '          env:', '            - name: POGOMAP_USERNAME', '              value: ash_f4', '            - name: POGOMAP_PASSWORD', '              valueFrom:', '                secretKeyRef:', '                  name: map-login', '                  key: pass', ''];
    await put(join(dir, 'deploy.yaml'), deploy.join('\n'));
    await put(join(dir, 'map-secret.yaml'), ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: map-login', 'stringData:', '  pass: Pika4pw', ''].join('\n'));
    const result = await cli(['import', dir, '--level', '30', ...pool.args]);
    expect(result.stdout).toContain(`imported ${join(dir, 'deploy.yaml')}: 1 added`);
    expect(result.stderr).toContain(`${join(dir, 'map-secret.yaml')}: read with ${join(dir, 'deploy.yaml')}`);
    expect(await account(pool, 'ash_f4')).toMatchObject({ password: 'Pika4pw' });
    expect(result.stderr).toMatch(/compose\.yaml: .*env_file linked\.env: is a symbolic link, not followed/);
    expect(result.stderr).toMatch(/compose\.yaml: .*env_file fifo\.env: is a FIFO, not a file/);
    expect(result.stdout).toContain(`imported ${join(dir, 'pod.yaml')}: 1 added`);
    expect(result.stderr).toContain(`${join(dir, 'secret.yaml')}: read with ${join(dir, 'pod.yaml')}`);
    expect(await account(pool, 'ash_f3')).toMatchObject({ password: 'Pika3pw' });
    expect(await account(pool, 'ash_link')).toBeUndefined();
    expect(result.stdout + result.stderr).not.toMatch(/Pika3pw|Pika4pw|Link1pw/);
  });
});
