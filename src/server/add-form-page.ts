// The page `GET /account/add` answers: PGPool's form (richardsang2008/PGPool pgpool.py, account_add)
// with its three fields, posted back to the same address (its query, a `?token=`, included), which
// add-accounts.ts reads. UTF-8 declared, where PGPool's page declared nothing: a browser posts a
// form in its page's encoding, and a password outside ASCII must arrive as the operator typed it.
import { htmlHeaders } from './page-headers.js';

/** No script, styles in attributes only, posted to itself; never in a frame (page-headers.ts). */
export const ADD_FORM_HEADERS = htmlHeaders("style-src 'unsafe-inline'; form-action 'self'");

export const ADD_FORM_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>accountpool: add accounts</title></head>
<body>
<form method="POST" accept-charset="utf-8">
<table>
<tr>
<td style="padding: 10px">Level: <input type="number" name="level" min="0" max="50" style="width: 4em"></td>
<td>Condition:
<select name="condition">
<option value="unknown"></option>
<option value="good">Good</option>
<option value="blind">Blind</option>
<option value="banned">Banned</option>
<option value="captcha">Captcha</option>
</select></td>
</tr>
<tr><td colspan="2"><textarea name="accounts" rows="15" style="width: 100%" placeholder="auth,username,password"></textarea></td></tr>
<tr><td><input type="submit" value="Submit"></td></tr>
</table>
</form>
<p>One account a line: <code>auth,username,password</code>, <code>username,password</code> or <code>username:password</code>.
A line that reads otherwise refuses the whole list, naming the line. Level left empty: a new account gets level 1, one the pool knows keeps its own.
For any other dump, use <code>accountpool import</code>.</p>
</body></html>
`;
