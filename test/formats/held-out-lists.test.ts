// Small dumps written the way sellers, forums and pastebins wrote them (stop 42's held-out set):
// numbering, bullets, emoji, Markdown and Discord marks, trailing separators, BOM and CRLF, tabs,
// CSV quotes, Windows-1252, headers over one row, level notes and columns. Each imports exact or
// is refused by its line; none invents an account. The shapes are those the rows of
// test/fixtures/README.md cite (sell.app/docs/digital-items' delimiters, ptc-acc-gen `index.js`'s
// passwords with digits and symbols); the accounts are made up.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const [U, P, U2, P2, U3, P3] = ['sandshrew_7q', 'Sand!Attack4', 'nidoran_f22', 'Poison#Sting8', 'clefairy_m1', 'Moon$Light27'];
const THREE = [[1, U, P], [2, U2, P2], [3, U3, P3]] as const;
const TWO = THREE.slice(0, 2);

/** [name, text, [line, username, password, level?][]] */
const EXACT: [string, string | Buffer, (readonly [number, string, string, number?])[]][] = [
  ['numbered.txt', `1) ${U}:${P}\n2) ${U2}:${P2}\n3) ${U3}:${P3}\n`, [...THREE]],
  ['numbered-dot.txt', `1. ${U}:${P}\n2. ${U2}:${P2}\n3. ${U3}:${P3}\n`, [...THREE]],
  ['paren-numbers.txt', `(1) ${U}:${P}\n(2) ${U2}:${P2}\n(3) ${U3}:${P3}\n`, [...THREE]],
  ['bracket-numbers.txt', `[1] ${U}:${P}\n[2] ${U2}:${P2}\n[3] ${U3}:${P3}\n`, [...THREE]],
  ['hash-numbers.txt', `#1 ${U}:${P}\n#2 ${U2}:${P2}\n#3 ${U3}:${P3}\n`, [...THREE]],
  ['emoji-numbers.txt', `1️⃣ ${U}:${P}\n2️⃣ ${U2}:${P2}\n3️⃣ ${U3}:${P3}\n`, [...THREE]],
  ['bullets.txt', `• ${U}:${P}\n• ${U2}:${P2}\n• ${U3}:${P3}\n`, [...THREE]],
  ['dash-bullets.txt', `- ${U} | ${P}\n- ${U2} | ${P2}\n- ${U3} | ${P3}\n`, [...THREE]],
  ['emoji.txt', `✅ ${U}:${P}\n✅ ${U2}:${P2}\n✅ ${U3}:${P3}\n`, [...THREE]],
  ['emoji-after.txt', `${U}:${P} ✅\n${U2}:${P2} ✅\n${U3}:${P3} ✅\n`, [...THREE]],
  ['trailing-colon.txt', `${U}:${P}:\n${U2}:${P2}:\n${U3}:${P3}:\n`, [...THREE]],
  ['trailing-comma.txt', `${U}:${P},\n${U2}:${P2},\n${U3}:${P3}\n`, [...THREE]],
  ['trailing-bar.txt', `${U}|${P}|\n${U2}|${P2}|\n${U3}|${P3}|\n`, [...THREE]],
  ['bom-crlf.txt', `\ufeff${U}:${P}\r\n${U2}:${P2}\r\n${U3}:${P3}\r\n`, [...THREE]],
  ['tabs.txt', `${U}\t${P}\n${U2}\t${P2}\n${U3}\t${P3}\n`, [...THREE]],
  ['tabs-level.txt', `${U}\t${P}\t30\n${U2}\t${P2}\t31\n${U3}\t${P3}\t27\n`, [[1, U, P, 30], [2, U2, P2, 31], [3, U3, P3, 27]]],
  ['quoted.csv', `"${U}","${P}"\n"${U2}","${P2}"\n"${U3}","${P3}"\n`, [...THREE]],
  ['quoted-semi.csv', `"${U}";"${P}";"30"\n"${U2}";"${P2}";"31"\n"${U3}";"${P3}";"27"\n`, [[1, U, P, 30], [2, U2, P2, 31], [3, U3, P3, 27]]],
  ['space-quoted.csv', `"${U}" , "${P}"\n"${U2}" , "${P2}"\n`, [...TWO]],
  ['header-pipes.txt', `Username | Password | Level\n${U} | ${P} | 30\n`, [[2, U, P, 30]]],
  ['header-crlf.csv', `login,password,level\r\n${U},${P},30\r\n`, [[2, U, P, 30]]],
  ['header-cn.txt', `账号\t密码\t等级\n${U}\t${P}\t30\n`, [[2, U, P, 30]]],
  ['mixed-separators.txt', `${U}:${P}\n${U2};${P2}\n${U3}:${P3}\n`, [...THREE]],
  ['spaced-colon.txt', `${U} : ${P}\n${U2} : ${P2}\n${U3} : ${P3}\n`, [...THREE]],
  ['spaced-dash.txt', `${U} - ${P}\n${U2} - ${P2}\n${U3} - ${P3}\n`, [...THREE]],
  ['arrows.txt', `${U} → ${P}\n${U2} → ${P2}\n`, [...TWO]],
  ['nbsp.txt', `${U}\u00a0${P}\n${U2}\u00a0${P2}\n`, [...TWO]],
  ['level-notes.txt', `${U}:${P} | Level 30\n${U2}:${P2} | Level 31\n${U3}:${P3} | Level 27\n`, [[1, U, P, 30], [2, U2, P2, 31], [3, U3, P3, 27]]],
  ['level-brackets.txt', `${U}:${P} [Lv.30]\n${U2}:${P2} [Lv.31]\n${U3}:${P3} [Lv.27]\n`, [[1, U, P, 30], [2, U2, P2, 31], [3, U3, P3, 27]]],
  ['blank-levels.txt', `${U} ${P} 30\n${U2} ${P2} 31\n${U3} ${P3} 27\n`, [[1, U, P, 30], [2, U2, P2, 31], [3, U3, P3, 27]]],
  ['blank-lvl-word.txt', `${U} ${P} lvl 30\n${U2} ${P2} lvl 31\n`, [[1, U, P, 30], [2, U2, P2, 31]]],
  ['level-cells.txt', `${U}:${P}:(lvl 30)\n${U2}:${P2}:(lvl 31)\n`, [[1, U, P, 30], [2, U2, P2, 31]]],
  ['discord-fence.txt', `\`\`\`\n${U}:${P}\n${U2}:${P2}\n${U3}:${P3}\n\`\`\`\n`, [[2, U, P], [3, U2, P2], [4, U3, P3]]],
  ['spoilers.txt', `||${U}:${P}||\n||${U2}:${P2}||\n||${U3}:${P3}||\n`, [...THREE]],
  ['bold.txt', `**${U}:${P}**\n**${U2}:${P2}**\n**${U3}:${P3}**\n`, [...THREE]],
  ['pastebin.txt', `PTC ACCOUNTS LEVEL 30\nFormat: username:password\n\n${U}:${P}\n${U2}:${P2}\n${U3}:${P3}\n\nThanks for buying!\n`, [[4, U, P, 30], [5, U2, P2, 30], [6, U3, P3, 30]]],
  ['level-headings.txt', `=== Level 30 ===\n${U}:${P}\n${U2}:${P2}\n=== Level 31 ===\n${U3}:${P3}\n`, [[2, U, P, 30], [3, U2, P2, 30], [5, U3, P3, 31]]],
  ['notes.txt', `${U}:${P} # sold\n${U2}:${P2}\n${U3}:${P3} // reserved\n`, [...THREE]],
  ['email-column.txt', `${U}:${P}:sand@mail.example\n${U2}:${P2}:nido@mail.example\n`, [...TWO]],
  ['provider-first.txt', `ptc:${U}:${P}\nptc:${U2}:${P2}\n`, [...TWO]],
  // Stop 55's survey: a shop's one-line record, a cell that is no label (the product, a number) before the
  // labelled fields, in the seller's language; and labels split by ` / `. Refused before as a table's rows.
  ['lead-cell-es.txt', `Cuenta nivel 30 | Usuario: ${U} | Contraseña: ${P} | Correo: a@mail.example\nCuenta nivel 31 | Usuario: ${U2} | Contraseña: ${P2} | Correo: b@mail.example\n`, [[1, U, P, 30], [2, U2, P2, 31]]],
  ['lead-cell-ru.txt', `Аккаунт №1 | Логин: ${U} | Пароль: ${P}\nАккаунт №2 | Логин: ${U2} | Пароль: ${P2}\n`, [...TWO]],
  ['labels-slash-ko.txt', `아이디: ${U} / 비밀번호: ${P}\n아이디: ${U2} / 비밀번호: ${P2}\n`, [...TWO]],
  // Stop 57's survey: spreadsheets saved as `;` CSV, a price column named with its currency (refused or
  // read with the rest of the row as the password before), Portuguese `Conta`, a sum row under the rows.
  ['sheet-price-es.csv', `\ufeffN.º;Usuario;Contraseña;Nivel;Correo;Precio (€)\n1;${U};${P};30;a@mail.example;2,50\n2;${U2};${P2};31;b@mail.example;3,10\n;;;;Total;5,60\n`, [[2, U, P, 30], [3, U2, P2, 31]]],
  ['sheet-price-ru.csv', `Логин;Пароль;Уровень;Цена, руб.\n${U};${P};30;149,00\n${U2};${P2};30;149,00\n`, [[2, U, P, 30], [3, U2, P2, 30]]],
  ['sheet-conta-pt.csv', `Conta;Senha;Nível;Valor\n${U};${P};30;R$ 4,90\n${U2};${P2};30;R$ 4,90\n`, [[2, U, P, 30], [3, U2, P2, 30]]],
  // Several runs or orders in one file, each under the same header: the header again is no line refused.
  ['two-orders.csv', `Benutzername;Passwort;Level;Preis\n${U};${P};30;1,99\n\nBenutzername;Passwort;Level;Preis\n${U2};${P2};31;2,49\n`, [[2, U, P, 30], [5, U2, P2, 31]]],
  ['level-sections-header.txt', `=== Level 30 ===\nlogin:password\n${U}:${P}\n\n=== Level 31 ===\nlogin:password\n${U2}:${P2}\n`, [[3, U, P, 30], [7, U2, P2, 31]]],
  ['accounts-cat.csv', `username,password,provider,model,iOS,id\n${U},${P},ptc,,,\n${U2},${P2},ptc,,,\nusername,password,provider,model,iOS,id\n${U3},${P3},ptc,,,\n`, [[2, U, P], [3, U2, P2], [5, U3, P3]]],
  // Stop 57 (G2): under a header, a row's cells are the header's by position as written. A sheet's number
  // column left blank (`;ash;Pw;32`) lost its empty cell and was refused as "a statistic"; a first column
  // without a name (`;Login;Passwort`, pandas' `to_csv` index) made the header no header.
  ['blank-number.csv', `Nr.;Benutzername;Passwort;Level\n1;${U};${P};30\n;${U2};${P2};31\n`, [[2, U, P, 30], [3, U2, P2, 31]]],
  ['blank-number.tsv', `Nr.\tBenutzername\tPasswort\tLevel\n1\t${U}\t${P}\t30\n\t${U2}\t${P2}\t31\n`, [[2, U, P, 30], [3, U2, P2, 31]]],
  ['blank-number-bars.txt', `| Nr. | Username | Password | Level |\n| 1 | ${U} | ${P} | 30 |\n|  | ${U2} | ${P2} | 31 |\n`, [[2, U, P, 30], [3, U2, P2, 31]]],
  ['blank-number-markdown.md', `| Nr. | Username | Password | Level |\n|---|---|---|---|\n| 1 | ${U} | ${P} | 30 |\n|  | ${U2} | ${P2} | 31 |\n`, [[3, U, P, 30], [4, U2, P2, 31]]],
  ['blank-number-quoted.csv', `"Nr.";"Benutzername";"Passwort";"Level"\n"1";"${U}";"${P}";"30"\n;"${U2}";"${P2}";31\n`, [[2, U, P, 30], [3, U2, P2, 31]]],
  ['unnamed-first.csv', `;Login;Passwort\n1;${U};${P}\n;${U2};${P2}\n`, [[2, U, P], [3, U2, P2]]],
  // Stop 57 (B): the same in bare bars (`|ash|Pw|32`, no outer bars, no blanks): a line opening with `|` was
  // refused as a drawn table's row, a file of such rows as "a table"; a `---|---` rule under such a header is skipped.
  ['blank-number-bare-bars.txt', `Nr.|Login|Passwort|Level\n1|${U}|${P}|30\n|${U2}|${P2}|31\n`, [[2, U, P, 30], [3, U2, P2, 31]]],
  ['bare-bars-no-numbers.txt', `Nr.|Login|Passwort|Level\r\n|${U}|${P}|30\r\n|${U2}|${P2}|31\r\n`, [[2, U, P, 30], [3, U2, P2, 31]]],
  ['bare-bars-rule.md', `Nr.|Login|Passwort|Level\n---|---|---|---\n|${U}|${P}|30\n`, [[3, U, P, 30]]],
  ['unnamed-first-bars.txt', `|Login|Password\n1|${U}|${P}\n|${U2}|${P2}\n`, [[2, U, P], [3, U2, P2]]],
  ['unnamed-index.tsv', `\tusername\tpassword\n0\t${U}\t${P}\n1\t${U2}\t${P2}\n`, [[2, U, P], [3, U2, P2]]],
  // Stop 58 (B): a header in bare bars between outer bars, as mdutils' Table.create_table writes Markdown
  // (`|Nr.|Login|...|`, its ` :---: ` rule, `||ash|Pw|32|` for a blank cell), refused before; a bare-bar row
  // closed by a bar read `Pw|30` as the password (`1|ash|Pw|30|`), or was refused (`|ash|Pw|30|`, the number left blank).
  ['mdutils-table.md', `\n|Nr.|Login|Passwort|Level|\n| :---: | :---: | :---: | :---: |\n|1|${U}|${P}|30|\n||${U2}|${P2}|31|\n`, [[4, U, P, 30], [5, U2, P2, 31]]],
  ['framed-bare-bars.txt', `|Nr.|Login|Passwort|Level|\n||${U}|${P}|30|\n||${U2}|${P2}|31|\n|3|${U3}|${P3}\n`, [[2, U, P, 30], [3, U2, P2, 31], [4, U3, P3]]],
  ['bare-bars-closed.txt', `Nr.|Login|Passwort|Level\n1|${U}|${P}|30|\n|${U2}|${P2}|31|\n|3|${U3}|${P3}|27|\n`, [[2, U, P, 30], [3, U2, P2, 31], [4, U3, P3, 27]]],
  ['bare-bars-closed-short.txt', `Login|Passwort|Level\n${U}|${P}|30|\n|${U2}|${P2}|\n`, [[2, U, P, 30], [3, U2, P2]]],
  // Stop 58 (B): a spreadsheet saved as CSV pads every row to its used range (ONLYOFFICE/DocumentServer#936's
  // `My Title,3,,`; benwbrum/fromthepage#2273: 113 cells a row under a 53-cell header, the rest empty): empty
  // cells past the header's last column were read as the password's end (`Pw;30;`, no level).
  ['sheet-padded-rows.csv', `Nr.;Benutzername;Passwort;Level\n1;${U};${P};30;;\n;${U2};${P2};31;;\n2;${U3};${P3};;;\n`, [[2, U, P, 30], [3, U2, P2, 31], [4, U3, P3]]],
  // Levels going up by one down a column the header names `Level` are levels, not a counter's run.
  ['level-run.csv', `Nr.;Benutzername;Passwort;Level\n1;${U};${P};30\n2;${U2};${P2};31\n3;${U3};${P3};32\n`, [[2, U, P, 30], [3, U2, P2, 31], [4, U3, P3, 32]]],
  // Stop 58 (B2): a row counter the header does not name, as R's write.table writes its row names by default
  // (`row.names = TRUE, col.names = TRUE`: a header one cell shorter than each row, rows numbered 1, 2, 3):
  // `1|ash|Pw|30` under `Login|Password|Level` read the login `1`, the password `ash|Pw`.
  ['r-row-names-bars.txt', `Login|Password|Level\n1|${U}|${P}|30\n2|${U2}|${P2}|31\n`, [[2, U, P, 30], [3, U2, P2, 31]]],
  ['r-row-names.csv', `Login;Password;Level\n1;${U};${P};30\n2;${U2};${P2};31\n3;${U3};${P3};32\n`, [[2, U, P, 30], [3, U2, P2, 31], [4, U3, P3, 32]]],
  ['r-row-names-comma.csv', `Login,Password,Level\n1,${U},${P},30\n`, [[2, U, P, 30]]],
  ['r-row-names.tsv', `Login\tPassword\tLevel\n1\t${U}\t${P}\t30\n2\t${U2}\t${P2}\t31\n`, [[2, U, P, 30], [3, U2, P2, 31]]],
  // Stop 59 (B): a bare-bar row one cell short where the header has no level column, or a paste dropped the
  // empty level cell (GFM tables, cmark-gfm test/spec.txt as ocaml/omd tests/gfm_table_spec.md copies it: "If
  // a number of cells fewer than the number of cells in the header row, empty cells are inserted"):
  // `|ash|Pw|` under `Nr.|Login|Passwort` read `ash` as the number and refused the row (missing password).
  ['bare-bars-no-level.txt', `Nr.|Login|Passwort\n|${U}|${P}|\n|${U2}|${P2}|\n`, [[2, U, P], [3, U2, P2]]],
  ['framed-bars-no-level.md', `|Nr.|Login|Passwort|\n|1|${U}|${P}|\n|${U2}|${P2}|\n`, [[2, U, P], [3, U2, P2]]],
  ['bars-level-dropped.txt', `Nr.|Login|Passwort|Level\n|${U}|${P}|\n|${U2}|${P2}|31|\n`, [[2, U, P], [3, U2, P2, 31]]],
  // Stop 59 (B): a numbering column before the list's separator, no header: R's write.table with quote = TRUE and
  // col.names = FALSE (row names quoted, `"1","ash","Pw",30`), Python's csv.QUOTE_ALL (every cell quoted), a
  // sheet's `000` number format (`001;`), cells padded to a width (`  1 ,  ash , Pw`). Refused whole before.
  ['quoted-numbered.csv', `"1","${U}","${P}",30\n"2","${U2}","${P2}",28\n`, [[1, U, P, 30], [2, U2, P2, 28]]],
  ['quote-all-numbered.csv', `"1","${U}","${P}"\n"2","${U2}","${P2}"\n"3","${U3}","${P3}"\n`, [...THREE]],
  ['zero-numbered.csv', `001;${U};${P}\n002;${U2};${P2}\n003;${U3};${P3}\n`, [...THREE]],
  ['padded-numbered.csv', `  1 ,  ${U} , ${P}\n  2 ,  ${U2} , ${P2}\n`, [...TWO]],
  ['numbered-levels.csv', `1;${U};${P};30\n2;${U2};${P2};30\n3;${U3};${P3};31\n`, [[1, U, P, 30], [2, U2, P2, 30], [3, U3, P3, 31]]],
  // No header: a plain list's `;user;pass` habit keeps losing its first `;`.
  ['lead-semicolon.txt', `;${U};${P}\n;${U2};${P2}\n`, [...TWO]],
  // Stop 60 (W): numbered rows under a header that does not name their number: R's write.table row names in
  // padded bars (refused whole before), every cell CSV-quoted (the header refused by its line before); and a
  // counter named in two words (`Lfd. Nr.`, German sheets' laufende Nummer: the header was no header).
  ['r-row-names-padded.txt', `Login | Password | Level\n1 | ${U} | ${P} | 30\n2 | ${U2} | ${P2} | 31\n`, [[2, U, P, 30], [3, U2, P2, 31]]],
  ['quoted-numbered-header.csv', `login,password\n"1","${U}","${P}"\n"2","${U2}","${P2}"\n`, [[2, U, P], [3, U2, P2]]],
  ['lfd-nr.csv', `Lfd. Nr.;Benutzername;Passwort;Level\n1;${U};${P};30\n;${U2};${P2};31\n`, [[2, U, P, 30], [3, U2, P2, 31]]],
];

/** [name, text, lines refused, what the refusal says] */
const REFUSED: [string, string | Buffer, number[], RegExp][] = [
  ['windows-1252.txt', Buffer.concat([Buffer.from(`${U}:${P}\r\n${U2}:${P2}\r\ncaf`), Buffer.from([0xe9]), Buffer.from(`_1:Pw1234!\r\n${U3}:${P3}\r\n`)]), [3], /not UTF-8/],
  ['blank-years.txt', `${U} ${P} 2017\n${U2} ${P2} 2016\n`, [1, 2], /\(2017\), no trainer level.*--columns user,pass,-/],
  ['bar-counts.txt', `${U}|${P}|100\n${U2}|${P2}|100\n`, [1, 2], /\(100\), no trainer level.*--columns user,pass,-/],
  ['year-among.txt', `${U} ${P}\n${U2} ${P2} 2017\n${U3} ${P3}\n`, [2], /\(2017\), no trainer level/],
  ['glued-blank.txt', `${U} ${P}(30 lvl)\n${U2} ${P2}(31 lvl)\n`, [1, 2], /glued/],
  // More empty cells first than the header has columns: the login's cell is empty, the row shifted? Never matched another way.
  ['more-empty-cells.csv', `Nr.;Benutzername;Passwort;Level\n1;${U};${P};30\n;;${U2};${P2};31\n`, [3], /more cells \(5\) than the header names \(4\)/],
  ['more-empty-bars.txt', `Nr.|Login|Passwort|Level\n1|${U}|${P}|30\n||${U2}|${P2}|31\n`, [3], /more cells \(5\) than the header names \(4\)/],
  ['bare-bars-shifted.txt', `Login|Password|Level\n${U}|${P}|30\n|${U2}|${P2}|31\n`, [3], /more cells \(4\) than the header names \(3\)/],
  // The shifted row saved with the sheet's used range a column wider (the header's trailing `;`): as many cells as the header.
  ['sheet-shifted-row.csv', `Nr.;Benutzername;Passwort;Level;\n1;${U};${P};30;\n;;${U2};${P2};31\n`, [3], /every cell up to it too, the row's first value in column 3: its cells may be shifted/],
  // Stop 58 (B2): one cell more than the header, its first a number that counts no rows: the login `1` and the password `ash|Pw`? Never.
  ['uncounted-extra-cell.txt', `Login|Password|Level\n1|${U}|${P}|30\n5|${U2}|${P2}|31\n`, [2, 3], /one cell more than the header names \(4 for 3\).*no counter of the rows/],
  ['lone-extra-cell.csv', `Login;Password;Level\n7;${U};${P};30\n`, [2], /one cell more than the header names \(4 for 3\)/],
  ['escaped-bar.md', `|Nr.|Login|Passwort|Level|\n|1|${U}|${P}|30|\n|2|${U2}|Pw\\|x1|31|\n`, [3], /escaped with a backslash/],
  // A counter and a login, the password missing (`|1|ash|` under `|Nr.|Login|Passwort|`): never the login `1`.
  ['counter-no-password.md', `|Nr.|Login|Passwort|\n|1|${U}|\n|2|${U2}|${P2}|\n`, [2], /missing password/],
  // Stop 60 (W): a row whose cells are not the header's by position, a login where the rows are numbered:
  // `|${U2}|${P2}|x|` under `|Nr.|Login|Passwort|Level|` imported the login `P2` with the password `x`.
  ['framed-word-counter.md', `|Nr.|Login|Passwort|Level|\n|1|${U}|${P}|30|\n|${U2}|${P2}|x|\n`, [3], /column 1, which the header names as numbering the rows, holds what is no number/],
  ['no-number-note.csv', `Nr.;Login;Passwort;Notiz\n1;${U};${P};neu\n${U2};${P2};neu\n`, [3], /numbering the rows, holds what is no number \(3 cells for the header's 4\)/],
  ['hash-level-x.txt', `#|Usuario|Contraseña|Nivel\n1|${U}|${P}|30\n${U2}|${P2}|x\n`, [3], /numbering the rows/],
  ['id-shifted.csv', `id,username,password\n1,${U},${P}\n${U2},${P2},x\n`, [3], /numbering the rows/],
  // A cell more than the header: the password holding `;`, or a cell after it? Read by position it fits too.
  ['cell-more-note.csv', `Nr.;Login;Passwort;Notiz\n1;${U};${P};neu\n2;${U2};${P2};30;fresh\n`, [3], /5 cells, the header names 4: its password holding the separator, or a cell more/],
  ['greeting-years.txt', `Hello,\nhere are your accounts:\n${U} ${P} 2017\n${U2} ${P2} 2017\nRegards\n`, [3, 4], /\(2017\), no trainer level/],
];

async function read(name: string, text: string | Buffer) {
  return readDump(input(name, text));
}

describe('held-out seller dumps', () => {
  it('each imports exact', async () => {
    for (const [name, text, want] of EXACT) {
      const r = await read(name, text);
      expect(r.accounts.map((a) => [a.line, a.username, a.password, ...(a.level === undefined ? [] : [a.level])]), name).toEqual(want.map((w) => [...w]));
      expect(r.rejected, name).toEqual([]);
    }
  });

  it('each is refused by its lines, naming why, never a password; the rest imports', async () => {
    for (const [name, text, lines, why] of REFUSED) {
      const r = await read(name, text).catch((e: Error) => e);
      const rejected = r instanceof Error ? [...r.message.matchAll(/line (\d+): /g)].map((m) => Number(m[1])) : r.rejected.map((x) => x.line);
      const said = r instanceof Error ? r.message : JSON.stringify(r.rejected);
      expect(rejected, name).toEqual(lines);
      expect(said, name).toMatch(why);
      for (const p of [P, P2, P3]) expect(said, name).not.toContain(p);
      if (!(r instanceof Error)) for (const a of r.accounts) expect(lines, name).not.toContain(a.line);
    }
  });

  it("a seller's table whose first column is the provider, and RocketMap's September 2016 `gmail` rows, give each account its provider (stop 57)", async () => {
    // Refused before: `PTC;ash01;...` read as a setting, ` | ` rows lost their `PTC` cell to the provider note
    // (one column short: "missing password"), and `gmail,` (RocketMap/RocketMap#1284's error named it) was no provider.
    const want = [[2, U, P, 30, 'ptc'], [3, `${U2}@gmail.com`, P2, 31, 'google']];
    for (const [name, text] of [
      ['type-first.csv', `Type;Login;Password;Level\nPTC;${U};${P};30\nGoogle;${U2}@gmail.com;${P2};31\n`],
      ['type-first.tsv', `Type\tLogin\tPassword\tLevel\nPTC\t${U}\t${P}\t30\nGmail\t${U2}@gmail.com\t${P2}\t31\n`],
      ['type-first.txt', `Type | Login | Password | Level\nPTC | ${U} | ${P} | 30\nGoogle | ${U2}@gmail.com | ${P2} | 31\n`],
      // RocketMap's own columns under such a header (read by the rocketmap reader, the header refused by its line before).
      ['type-first-comma.csv', `Type,Login,Password,Level\nPTC,${U},${P},30\nGoogle,${U2}@gmail.com,${P2},31\n`],
    ]) {
      const r = await read(name!, text!);
      expect(r.accounts.map((a) => [a.line, a.username, a.password, a.level, a.provider]), name).toEqual(want);
      expect(r.rejected, name).toEqual([]);
    }
    const r = await read('accounts.csv', `gmail,${U2}@gmail.com,${P2}\nptc,${U},${P}\n`);
    expect(r.accounts.map((a) => [a.username, a.provider])).toEqual([[`${U2}@gmail.com`, 'google'], [U, 'ptc']]);
  });

  it("bot managers' lists: a country before the level and a location after the password are no part of it; a chat export's header is no account (stop 58)", async () => {
    // darkpy/pokemongo-bot-manager accounts.txt: `user:pass COUNTRY LEVEL`, ` (running)` after it. HEAD: `Pw US 30 (finished)` the password.
    const manager = await readDump(fixture('pokemongo-bot-manager-accounts.txt'));
    expect(manager.accounts.map((a) => [a.line, a.username, a.password, a.level])).toEqual([
      [1, 'sinnohtrek4', 'St5!granite', 30], [2, 'unovastep19', 'Us8$marble', 24], [3, 'kaloswalk07', 'Kw3#cobble', 12], [4, 'alolahike22', 'Ah6&coral', 1],
    ]);
    expect(manager.rejected).toEqual([]);
    // Onigam/PoGoBotFarm users.csv: `user;pass;lat,lng;City;`. HEAD: `Pw;46.2050241,6.1090692;Geneva` the password.
    const farm = await readDump(fixture('pogobotfarm-users.csv'));
    expect(farm.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[1, 'galarstroll5', 'Gs9!heather'], [2, 'paldeajog41', 'Pj2@saffron']]);
    expect(farm.rejected).toEqual([]);
    // A lower-case word, or a capitalised one without coordinates beside it, may be the password's rest: kept as before.
    const [a, b] = [await read('a.txt', `${U}:${P} us 30\n${U2}:${P2} us 31\n`), await read('b.txt', `${U};${P};Geneva\n${U2};${P2};Bern\n`)];
    expect(a.accounts.map((x) => x.password)).not.toEqual([P, P2]);
    expect(b.accounts.map((x) => x.password)).toEqual([`${P};Geneva`, `${P2};Bern`]);
    // Tyrrrz/DiscordChatExporter's CSV: HEAD read its header as the login `AuthorID`.
    await expect(readDump(fixture('discordchatexporter.csv'))).rejects.toThrow(/no accounts found/);
  });

  it('a file of `label:value` lines alone is refused whole, saying so', async () => {
    await expect(read('profile.txt', 'city:Paris\nteam:Mystic\ncolor:blue\n')).rejects.toThrow(/`label:value` lines/);
  });
});
