import type { ConnError } from '@conn/setup-engine';

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => escapes[character] ?? character);
}

/**
 * The page an owner's browser lands on when a provider authorization ends
 * without a connection (denied consent, a stale or foreign link, a provider
 * failure): what happened, in the error's owner-readable words, and a way
 * back to the console. Never a token, code or state.
 *
 * @example
 * reply.type('text/html; charset=utf-8').send(oauthCallbackPage(error, '/console/'));
 */
export function oauthCallbackPage(error: ConnError, consoleUrl: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorization not completed — conn</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>Authorization not completed</h1>
<p>${escapeHtml(error.message)}</p>
<p><small>Error code: <code>${escapeHtml(error.code)}</code></small></p>
<p><a href="${escapeHtml(consoleUrl)}">Back to conn</a></p>
</body></html>`;
}
