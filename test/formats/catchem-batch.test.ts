// Catchem's bot list (Lunat1q/Catchem-PoGo `Source/Catchem/MainWindow.xaml.cs` `batch_Yes_Click`:
// `auth;login;pass;proxy;proxyLogin;proxyPass;desiredName;lat;lon`, split on `;`): the password
// is the third field whole, the proxy's login and the nickname after it are never read.
import { describe, expect, it } from 'vitest';
import { detectFormat, readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

describe("Catchem's batch bot list", () => {
  it('reads each bot line with its provider; a blank inside the password is no level, `;;;;Nickname` no part of it', async () => {
    const r = await readDump(fixture('catchem-batch.txt'));
    expect(r.format).toBe('catchem-batch');
    expect(r.accounts.map((a) => [a.line, a.username, a.password, a.provider, a.level])).toEqual([
      [1, 'weepinbell_c3', 'Vine:Whip5', 'ptc', undefined],
      [2, 'bellsprout_q1', 'Razor,Leaf 8', 'ptc', undefined],
      [3, 'victreebel.bot@gmail.com', 'Acid!Spray77', 'google', undefined],
      [4, 'oddish_k4', 'Stun#Spore2', 'ptc', undefined],
      [5, 'gloom_t7', 'Sleep Powder', 'ptc', undefined],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/Pr0xyPass9|proxyuser|WeepyBell|Oddy/);
  });

  it('a line Catchem would skip (too few fields, an auth it cannot parse) is refused by its line, the rest read', async () => {
    const good = Array.from({ length: 8 }, (_, i) => `ptc;bot_user${i};Pass!word${i};http://1.2.3.4:8080;;;;1.5;2.5`);
    const text = [...good.slice(0, 4), 'PTC;b_user2;Pass!word2', 'ptc;c_user3', ...good.slice(4)].join('\n') + '\n';
    const r = await readDump(input('bots.txt', text));
    expect(r.format).toBe('catchem-batch');
    expect(r.accounts.map((a) => a.line)).toEqual([1, 2, 3, 4, 7, 8, 9, 10]);
    expect(r.rejected.map((x) => x.line)).toEqual([5, 6]);
  });

  it('a `;` list of three fields alone is no Catchem list (the list readers keep it)', () => {
    const text = 'ptc;a_user1;Pass!word1\nptc;b_user2;Pass!word2\n';
    expect(detectFormat(input('list.txt', text))?.name).not.toBe('catchem-batch');
  });

  it('a KinanCity-like `;` file whose fourth field is an e-mail is not claimed', () => {
    const text = 'ptc;a_user1;Pass!word1;a@mail.com;1990-01-01;US\n';
    expect(detectFormat(input('x.csv', text))?.name).not.toBe('catchem-batch');
  });
});
