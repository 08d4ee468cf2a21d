// Every HTML answer of `serve` (the dashboard and its login form, `/account/add`'s form, PGPool's
// `ok` to a post) refuses frames and says what it may load: another site's page that framed the
// add form or the dashboard could dress it up and have the operator type or click in it. A page
// that starts being HTML without these headers fails here.
import { describe, expect, it } from 'vitest';
import { serveAccounts } from '../server/helpers.js';

const HTML = { accept: 'text/html,application/xhtml+xml' };

describe('HTML answers carry a Content-Security-Policy and refuse frames', () => {
  it('the login form, the dashboard, the add form and PGPool\'s ok each say frame-ancestors \'none\', X-Frame-Options DENY, default-src \'none\'', async () => {
    const s = await serveAccounts([], { token: 'tok-html' });
    const bearer = { authorization: 'Bearer tok-html' };
    const answers: Record<string, Response> = {
      'login form': await fetch(`${s.url}/`, { headers: HTML }),
      'wrong token posted': await fetch(`${s.url}/`, { method: 'POST', headers: { ...HTML, 'content-type': 'application/x-www-form-urlencoded' }, body: 'token=nope' }),
      dashboard: await fetch(`${s.url}/`, { headers: { ...HTML, ...bearer } }),
      'dashboard HEAD': await fetch(`${s.url}/`, { method: 'HEAD', headers: { ...HTML, ...bearer } }),
      'add form': await fetch(`${s.url}/account/add?token=tok-html`, { headers: HTML }),
      'update ok': await fetch(`${s.url}/account/update`, { method: 'POST', headers: { ...bearer, 'content-type': 'application/json' }, body: '[]' }),
    };
    for (const [what, res] of Object.entries(answers)) {
      expect([what, res.status < 500, res.headers.get('content-type')]).toEqual([what, true, 'text/html; charset=utf-8']);
      const csp = (res.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim());
      expect([what, ...csp]).toEqual(expect.arrayContaining([what, "default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"]));
      expect([what, res.headers.get('x-frame-options')]).toEqual([what, 'DENY']);
      expect([what, res.headers.get('x-content-type-options')]).toEqual([what, 'nosniff']);
      expect(csp.some((d) => /script-src|'unsafe-eval'|\*/.test(d)), `${what}: ${csp.join('; ')}`).toBe(false);
    }
    // The add form still posts to itself and keeps its inline styles.
    const add = answers['add form']!.headers.get('content-security-policy')!;
    expect(add).toContain("form-action 'self'");
    expect(add).toContain("style-src 'unsafe-inline'");
  });
});
