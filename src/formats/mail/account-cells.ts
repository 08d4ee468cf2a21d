// A mail's table row holding an account's cells, whatever the table's columns made of it. The
// list reader may read such a row as a statistic or a table's row (a cell left out under a
// numbered header puts the login under `Nr.` and the level under the password), and the letter's
// reader may find no shape for it at all (`;ash02;Pika2!x;30`, a blank first cell): either way the
// account was dropped without a word. Such a row is refused by its line instead (issue 14).

/** Letters with a digit or `_`, as sellers' logins are (`ash02`, `pika_master`); never a word of prose. */
const LOGIN = /^(?=[^\s]*[A-Za-z])(?=[^\s]*[\d_])[A-Za-z0-9_.@+-]{3,}$/;
/** A password's cell: no blank, not a level or a count (`30`), a time, a date or a decimal (`14:02:11`, a scout's status table). */
const PASSWORD = /^(?!\d{1,4}$)(?!\d+(?:[.:/-]\d+)+$)\S{2,}$/;

/** The row's reason to be refused when its cells (split at `|`, `;`, `,` or a tab) give a login then a password. */
export function accountCellsReason(s: string): string | undefined {
  if (!/[|;,\t]/.test(s)) return undefined;
  const cells = s.split(/[|;,\t]/).map((c) => c.trim());
  for (let i = 0; i + 1 < cells.length; i++) {
    if (LOGIN.test(cells[i]!) && PASSWORD.test(cells[i + 1]!)) return ROW_UNPLACED;
  }
  return undefined;
}

export const ROW_UNPLACED = "a table row holding a login and a password whose cells do not fit the table's columns (a cell blank, left out or one too many?): refused, not guessed; write it as the other rows are";
