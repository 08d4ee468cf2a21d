// A seller's reply in the buyer's language saying a quoted account's password changed, or taking
// back the correction it just made (correction-words.ts: the languages of place-words.ts). A
// change reported with no readable value refuses the account (its password is stale), a take-back
// gives the later value, and an imperative telling the buyer to change the password after login
// corrects nothing. Before, these words were English only: `пароль изменён` kept the stale
// password, `perdón, en realidad es Y` kept the value it took back.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

// Gmail's attribution line and RFC 3676 `> ` quoting, as reply-correction-sentences.test.ts.
const QUOTED = '\nOn Sun, 15 Oct 2017 at 21:40, GoAccounts <delivery@goaccounts.example> wrote:\n> entei_blaze12:Sacred#Fire7\n';

async function read(said: string) {
  return readDump(input('reply.txt', `Hi,\n${said}\n${QUOTED}`)).then(
    (r) => ({ accounts: r.accounts.map((a) => [a.line, a.username, a.password]), rejected: r.rejected.map((x) => x.line) }),
    (e: Error) => e.message,
  );
}

describe('a correction taken back in the reply\'s language: the later value', () => {
  const CASES = [
    'The new password is Fresh!Pass42\nperdón, en realidad es Other!Pass43',
    'la nueva contraseña es Fresh!Pass42\nperdón, la contraseña es en realidad Other!Pass43',
    'A nova senha é Fresh!Pass42\ndesculpe, na verdade Other!Pass43',
    'Das neue Passwort ist Fresh!Pass42\nEntschuldigung, eigentlich ist es Other!Pass43',
    'Le nouveau mot de passe est Fresh!Pass42\ndésolé, plutôt Other!Pass43',
    'La nuova password è Fresh!Pass42\nscusa, anzi Other!Pass43',
    'Новый пароль: Fresh!Pass42\nизвините, на самом деле Other!Pass43',
    'nowe hasło to Fresh!Pass42\nprzepraszam, właściwie Other!Pass43',
    'Yeni şifre: Fresh!Pass42\nPardon, yanlış yazdım, Other!Pass43',
    'Mật khẩu mới là Fresh!Pass42\nxin lỗi, thực ra là Other!Pass43',
    'Kata sandi baru adalah Fresh!Pass42\nmaaf, sebenarnya Other!Pass43',
    '新密码是Fresh!Pass42\n抱歉，其实是Other!Pass43',
    '新しいパスワードはFresh!Pass42です\nすみません、実はOther!Pass43です',
    '새 비밀번호는 Fresh!Pass42 입니다\n죄송합니다, 사실은 Other!Pass43 입니다',
  ];
  for (const said of CASES) {
    it(JSON.stringify(said), async () => {
      expect(await read(said)).toEqual({ accounts: [[3, 'entei_blaze12', 'Other!Pass43']], rejected: [] });
    });
  }

  it('a second value with no word taking the first back: both lines and the account refused', async () => {
    const message = await read('新密码是Fresh!Pass42\n密码是Other!Pass43');
    expect(message).toMatch(/line 2: 2 corrections give this account different passwords \(lines 2 and 3\)/);
    expect(message).not.toMatch(/Fresh!Pass42|Other!Pass43|Sacred#Fire7/);
  });
});

describe('"the password changed" with no value: the quoted account refused, its password stale', () => {
  const CASES = ['La contraseña cambió, te la mando mañana', 'A senha foi alterada', 'Das Passwort wurde geändert', 'le mot de passe a été changé', 'La password è stata cambiata', 'пароль изменён', 'Hasło zostało zmienione', 'Şifre değiştirildi', 'Mật khẩu đã thay đổi', 'Kata sandi sudah diganti', '密码已更改', 'パスワードを変更しました', '비밀번호가 변경되었습니다'];
  for (const said of CASES) {
    it(said, async () => {
      const message = await read(said);
      expect(message).toContain('line 2: a correction saying the password changed, its new password unreadable');
      expect(message).toContain('line 5: its password may be stale: the correction at line 2 is unsure');
      expect(message).not.toContain('Sacred#Fire7');
    });
  }

  it('an imperative to change the password after login corrects nothing: the account kept', async () => {
    for (const said of ['Por favor cambia la contraseña después de entrar', 'Bitte ändern Sie das Passwort nach dem ersten Login', 'Пожалуйста, смените пароль после входа', 'Please change your password after login']) {
      expect(await read(said), said).toEqual({ accounts: [[5, 'entei_blaze12', 'Sacred#Fire7']], rejected: [] });
    }
  });
});
