// A correction naming its account by place where the language glues an ending to the words:
// Turkish case endings and the softened stem (`hesap` → `2. hesabın şifresi`: the 2nd account's
// password; `şifre` → `şifresi`), Korean and Japanese particles after the noun (`2번 계정의
// 비밀번호는`, `2つ目のアカウントのパスワードは`). Read when the place is certain; otherwise each
// quoted account is refused naming the correction's line, never corrected by a guess. Before,
// `şifresi` and `パスワードは` were no password's word: the sentence was read past and the
// stale quoted password kept.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const QUOTED = '\nOn Sun, 15 Oct 2017 at 21:40, GoAccounts <delivery@goaccounts.example> wrote:\n> entei_blaze12:Sacred#Fire7\n> raikou_thunder3:Volt!Tackle7\n';

async function read(said: string) {
  return readDump(input('reply.txt', `Hi,\n${said}\n${QUOTED}`)).then(
    (r) => ({ accounts: r.accounts.map((a) => [a.line, a.username, a.password]), rejected: r.rejected.map((x) => x.line) }),
    (e: Error) => e.message,
  );
}

describe('the place named with endings and particles: that account corrected', () => {
  const SECOND = ['ikinci hesabın şifresi: Fresh!Pass42', 'İkinci hesabın yeni şifresi Fresh!Pass42', '2 numaralı hesabın şifresi Fresh!Pass42', 'son hesabın şifresi Fresh!Pass42', '2번 계정의 비밀번호는 Fresh!Pass42', '두 번째 계정의 비밀번호는 Fresh!Pass42 입니다', '2つ目のアカウントのパスワードはFresh!Pass42です', '二つ目のアカウントのパスワード：Fresh!Pass42', '2番目のアカウントのパスワードはFresh!Pass42'];
  for (const said of SECOND) {
    it(said, async () => {
      expect(await read(said)).toEqual({ accounts: [[2, 'raikou_thunder3', 'Fresh!Pass42'], [5, 'entei_blaze12', 'Sacred#Fire7']], rejected: [] });
    });
  }

  it('the first one: `ilk hesabın şifresi`, `첫 번째 계정 비밀번호:`', async () => {
    for (const said of ['ilk hesabın şifresi Fresh!Pass42', '첫 번째 계정 비밀번호: Fresh!Pass42']) {
      expect(await read(said), said).toEqual({ accounts: [[2, 'entei_blaze12', 'Fresh!Pass42'], [6, 'raikou_thunder3', 'Volt!Tackle7']], rejected: [] });
    }
  });
});

describe('no place, or one the reply does not quote: every quoted account refused by the correction\'s line', () => {
  for (const said of ['hesabın şifresi Fresh!Pass42', '계정의 비밀번호는 Fresh!Pass42', '3번 계정의 비밀번호는 Fresh!Pass42', '2つ目のパスワードはFresh!Pass42', 'Son cuentas nuevas, la contraseña es Fresh!Pass42']) {
    it(said, async () => {
      const message = await read(said);
      expect(message).toMatch(/line 2: a correction (giving a password for no named login|naming account 3) while the reply quotes 2/);
      expect(message).toContain('line 5: its password may be stale');
      expect(message).toContain('line 6: its password may be stale');
      expect(message).not.toMatch(/Fresh!Pass42|Sacred#Fire7|Volt!Tackle7/);
    });
  }
});
