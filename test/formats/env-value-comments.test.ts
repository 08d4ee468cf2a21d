// A container's account variable with ` #` after an unquoted value (`- PASSWORD=Pika1! # old`):
// YAML, which a compose file's `environment:` list is, reads ` #` on as a comment (YAML 1.2 §6.6);
// compose's env files read it so too, `docker run --env-file` reads the line whole (docker's
// docs: no inline comments). Read into the password, it was one the container never got in a
// compose file; the line is refused naming why, as every reader of container variables does
// (rocketmap-container.ts commentInValue). A quoted value keeps its `#`.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const compose = (image: string, vars: string[]) => `version: '2'\nservices:\n  one:\n    image: ${image}\n    environment:\n${vars.map((v) => `      - ${v}\n`).join('')}`;

describe('an account variable with ` #` after its value', () => {
  it.each([
    ['rocketmap/rocketmap', ['POGOMAP_AUTH_SERVICE=ptc', 'POGOMAP_USERNAME=ash01x', 'POGOMAP_PASSWORD=Pika1! # old'], 'POGOMAP_PASSWORD'],
    ['benmag/pokemongo-bot', ['AUTH_SERVICE=ptc', 'USERNAME=ash01x', 'PASSWORD=Pika1! # old'], 'PASSWORD'],
    ['konjak/pokemongobot', ['POGO_USERNAME=ash01x', 'POGO_PASSWORD=Pika1! # old', 'POGO_LATITUDE=1.0'], 'POGO_PASSWORD'],
  ])('%s: refused by its line, never read with the comment', async (image, vars, name) => {
    const text = compose(image, vars);
    const r = await readDump(input('docker-compose.yml', Buffer.from(text))).catch((error: Error) => error);
    const said = r instanceof Error ? r.message : JSON.stringify(r);
    expect(said).toContain(`${name}: the value holds \` #\``);
    expect(said).not.toContain('Pika1! # old');
    if (!(r instanceof Error)) expect(r.accounts).toEqual([]);
  });

  it('quoted, the `#` is the password\'s own', async () => {
    const r = await readDump(input('docker-compose.yml', Buffer.from(compose('benmag/pokemongo-bot', ['USERNAME=ash01x', "PASSWORD='Pika #1'"]))));
    expect(r.accounts.map((a) => [a.username, a.password])).toEqual([['ash01x', 'Pika #1']]);
  });
});
