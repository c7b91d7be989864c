// The Content-Security-Policy of every window and page: our own scripts only, no
// remote content, no frames, no plugins. Inline styles are allowed because React
// style attributes and AG Grid's theme need them; scripts are never inline.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
