/**
 * SHA-256 (base64) of `REPORT_CSS` and `REPORT_SCRIPT`, as the CSP names them. The core
 * has no crypto, so they are written here; test/report/render-report.test.ts recomputes them and
 * fails with the new values when either text changes.
 */
export const REPORT_HASHES = {
  style: 'sha256-7qvpnPdD+xqAx/1KmJUF44HmuxlRZTkukcwt9U5iUq4=',
  script: 'sha256-+Q7Ii56K2lnBlbKt0CG6qZh4F/d1KdJmFQPzncN+7Ns=',
} as const;

/**
 * The report's Content-Security-Policy: nothing may load (no network, fonts, images, frames);
 * only the report's own inline style and script run, by hash; no base URL, no form submission.
 */
export const REPORT_CSP = `default-src 'none'; style-src '${REPORT_HASHES.style}'; script-src '${REPORT_HASHES.script}'; base-uri 'none'; form-action 'none'`;
