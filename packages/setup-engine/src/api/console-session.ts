/**
 * The console's cookie session: `POST /v1/owner/login` (cookie mode) sets an
 * HttpOnly session cookie and a readable CSRF cookie; every cookie-authenticated
 * mutation must echo the CSRF cookie's value in the CSRF header.
 */
export const consoleSession = Object.freeze({
  sessionCookie: 'conn_session',
  csrfCookie: 'conn_csrf',
  csrfHeader: 'x-csrf-token',
});
