import { createHash } from 'node:crypto';

/*
 * Tap targets are at least 48 px, focus is a black ring with a yellow halo (visible on white and on
 * the red header alike), and every colour pair meets WCAG AA contrast for normal text.
 *
 * .wrap sets only side padding: main and footer carry the class and their own vertical padding,
 * which a `padding` shorthand here would override. The tracking number shrinks with the screen so
 * that "1234 5678 90" stays on one line on a 320 px phone; it may still break between groups (at
 * large text zoom) but never inside one, since a split group is easy to copy wrong.
 */
export const CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;font-size:1.125rem;line-height:1.5;color:#0b0c0c;background:#fff}
.wrap{max-width:40rem;margin:0 auto;padding-left:1rem;padding-right:1rem}
a{color:#0b57d0;text-decoration-thickness:max(1px,.0625rem);text-underline-offset:.15em}
a:hover{text-decoration-thickness:.2rem}
:focus-visible{outline:3px solid #0b0c0c;outline-offset:0;box-shadow:0 0 0 6px #ffdd00}
.skip-link{position:absolute;left:-10000px;top:0;padding:.75rem 1rem;background:#ffdd00;color:#0b0c0c;z-index:10}
.skip-link:focus{left:0}
.site-header{background:#a4161a;color:#fff}
.site-header .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem;padding-top:.25rem;padding-bottom:.25rem}
.site-header a{color:#fff;display:inline-block;padding:.75rem 0;min-height:3rem}
.brand{font-weight:800;font-size:1.375rem;text-decoration:none}
main{display:block;padding-top:1rem;padding-bottom:2rem}
main:focus{outline:none}
h1{font-size:1.875rem;line-height:1.2;margin:1rem 0}
h2{font-size:1.375rem;line-height:1.25;margin:2rem 0 .75rem}
h3{font-size:1.125rem;margin:1.5rem 0 .5rem}
p{margin:0 0 1rem}
.field{margin:0 0 1.75rem}
.field-error{border-left:5px solid #b3261e;padding-left:.75rem}
label,.label{display:block;font-weight:700;margin:0 0 .25rem}
.marker{font-weight:400}
.hint{display:block;color:#505a5f;margin:0 0 .5rem}
.error-message{display:block;color:#b3261e;font-weight:700;margin:0 0 .5rem}
.input,select,textarea{display:block;width:100%;min-height:3rem;padding:.5rem .625rem;font:inherit;color:#0b0c0c;background:#fff;border:2px solid #0b0c0c;border-radius:0}
textarea{min-height:10rem;resize:vertical}
.input[aria-invalid="true"],textarea[aria-invalid="true"],select[aria-invalid="true"]{border:3px solid #b3261e}
fieldset{border:0;margin:0 0 1.75rem;padding:0;min-width:0}
legend{font-weight:700;font-size:1.25rem;padding:0;margin:0 0 .5rem}
.radio{display:flex;align-items:flex-start;gap:.75rem;padding:.5rem 0}
.radio input{flex:none;width:2rem;height:2rem;margin:0;accent-color:#0b0c0c}
.radio label{margin:0;padding:.125rem 0;min-height:2rem}
.radio .hint{margin:0}
.button{display:block;width:100%;min-height:3rem;padding:.75rem 1.25rem;font:inherit;font-weight:700;color:#fff;background:#00703c;border:0;border-bottom:3px solid #002d18;border-radius:0;cursor:pointer;text-align:center;margin:0 0 1.5rem}
.button:hover{background:#005a30}
.error-summary{border:5px solid #b3261e;padding:1rem;margin:1rem 0 2rem}
.error-summary h2{margin-top:0}
.error-summary ul{margin:0;padding-left:1.25rem}
.error-summary li{margin:.25rem 0}
.error-summary a{color:#b3261e;font-weight:700}
.panel{border:5px solid #00703c;padding:1rem;margin:1rem 0 2rem}
.panel h1{margin-top:0}
.tracking{font-size:clamp(1.75rem,8.5vw,2.5rem);line-height:1.2;font-weight:800;letter-spacing:.04em;font-variant-numeric:tabular-nums;margin:.25rem 0 .75rem}
.notice{border-left:5px solid #0b57d0;padding:.5rem 0 .5rem .75rem}
dl{margin:0 0 1rem}
dt{font-weight:700}
dd{margin:0 0 .75rem}
.list{padding-left:1.25rem}
.list li{margin:0 0 .75rem}
.report-text,.reply-text{white-space:pre-wrap;overflow-wrap:anywhere}
.access-code{overflow-wrap:anywhere;font-size:1rem}
.meta{color:#505a5f;font-size:1rem}
.visually-hidden,.hp{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;clip-path:inset(50%)!important;white-space:nowrap!important;border:0!important}
.hp{left:-10000px}
footer{border-top:1px solid #b1b4b6;padding-top:1rem;padding-bottom:2rem;font-size:1rem;color:#505a5f}
`;

/**
 * A Content-Security-Policy for these pages: nothing loads from anywhere, and the one inline
 * stylesheet is allowed by its hash, so an injected <style> or script would not run even if escaping
 * ever failed.
 */
export const WEB_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'`,
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
