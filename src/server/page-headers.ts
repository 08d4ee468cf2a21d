// The headers every HTML answer of serve and the dashboard carries. Each page is given what it
// needs (`allowed`: its own CSP directives); frames are refused for all of them, by CSP's
// frame-ancestors and, for browsers that predate it, X-Frame-Options: another site's page that
// framed the add form or the dashboard could dress it up and have the operator click or type in it.
export function htmlHeaders(allowed: string): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; ${allowed ? `${allowed}; ` : ''}frame-ancestors 'none'; base-uri 'none'`,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
  };
}
