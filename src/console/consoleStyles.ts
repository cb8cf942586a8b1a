/**
 * The console's stylesheet, served from /console/assets/console.css. System fonts only, colours
 * with at least 4.5:1 contrast on their backgrounds, a visible focus ring everywhere, and one
 * column below 900 px so a tablet in portrait needs no sideways scrolling.
 */
export const CONSOLE_STYLES = `
*, *::before, *::after { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; font-size: 16px; color: #1a1a1a; background: #f4f5f7; line-height: 1.45; }
body { margin: 0; }
a { color: #0b4f9c; }
a:hover { color: #063a75; }
:focus-visible { outline: 3px solid #c15400; outline-offset: 2px; }
.skip { position: absolute; left: -9999px; top: 0; background: #fff; padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: .5rem; }
header.top { background: #8b0000; color: #fff; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; padding: .5rem 1rem; }
header.top a, header.top button.link { color: #fff; }
header.top .brand { font-weight: 700; font-size: 1.1rem; text-decoration: none; }
nav.main ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
nav.main a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
.account { margin-left: auto; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; font-size: .95rem; }
.account form { margin: 0; }
button.link { background: none; border: 0; padding: 0; font: inherit; text-decoration: underline; cursor: pointer; }
main { max-width: 1280px; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .5rem; }
.flash { border-left: 6px solid #1d6b2f; background: #e7f4ea; padding: .6rem 1rem; margin: 0 0 1rem; }
.error { border-left: 6px solid #a4000f; background: #fde8ea; padding: .6rem 1rem; margin: 0 0 1rem; }
.muted { color: #555; }
.panel { background: #fff; border: 1px solid #d0d4da; border-radius: 6px; padding: 1rem; margin-bottom: 1rem; }
.grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem; align-items: start; }
@media (max-width: 900px) { .grid { grid-template-columns: minmax(0, 1fr); } }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid #d0d4da; vertical-align: top; }
th { background: #eceef1; font-weight: 600; }
tr.selected td { background: #fff4d6; }
.message { white-space: pre-wrap; overflow-wrap: anywhere; background: #fafafa; border: 1px solid #d0d4da; padding: .6rem; border-radius: 4px; }
.excerpt { overflow-wrap: anywhere; }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .25rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
form.stack { display: grid; gap: .6rem; }
form.filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .6rem 1rem; align-items: end; margin-bottom: 1rem; }
label { display: block; font-weight: 600; margin-bottom: .15rem; }
.hint { display: block; font-weight: 400; color: #555; font-size: .9rem; }
input[type=text], input[type=email], input[type=password], input[type=date], input[type=search], select, textarea {
  width: 100%; font: inherit; padding: .45rem .5rem; border: 1px solid #6b7280; border-radius: 4px; background: #fff; color: #1a1a1a; }
textarea { min-height: 4.5rem; resize: vertical; }
fieldset { border: 1px solid #d0d4da; border-radius: 4px; margin: 0; padding: .5rem .75rem; }
legend { font-weight: 600; }
.choice { display: flex; gap: .4rem; align-items: center; font-weight: 400; }
button, .button { font: inherit; padding: .5rem 1rem; border-radius: 4px; border: 1px solid #0b4f9c; background: #0b4f9c; color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary { background: #fff; color: #0b4f9c; }
button.danger { background: #a4000f; border-color: #a4000f; }
.actions details { border: 1px solid #d0d4da; border-radius: 6px; background: #fff; margin-bottom: .6rem; }
.actions details[open] { border-color: #0b4f9c; }
.actions summary { cursor: pointer; padding: .6rem .8rem; font-weight: 600; }
.actions details > form, .actions details > p { padding: 0 .8rem .8rem; margin: 0; }
.pager { display: flex; gap: 1rem; align-items: center; margin: 1rem 0; }
.badge { display: inline-block; padding: .05rem .45rem; border-radius: 999px; font-size: .85rem; background: #e3e7ee; color: #1a1a1a; white-space: nowrap; }
.badge.overdue, .badge.failed { background: #fde8ea; color: #8a000c; }
.badge.delivered, .badge.sent { background: #e7f4ea; color: #14522a; }
ol.timeline { list-style: none; margin: 0; padding: 0; }
ol.timeline li { border-left: 3px solid #d0d4da; padding: .3rem .8rem; margin-bottom: .5rem; }
ol.timeline li.out { border-left-color: #0b4f9c; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 30rem), 1fr)); gap: 1rem; }
svg.chart { width: 100%; height: auto; max-width: 100%; }
.big { font-size: 2rem; font-weight: 700; }
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; padding: 0; margin: .5rem 0 0; font-size: .9rem; }
.swatch { display: inline-block; width: .9rem; height: .9rem; border-radius: 2px; vertical-align: -2px; margin-right: .3rem; }
#help { position: fixed; inset: 0; background: rgba(0, 0, 0, .45); display: flex; align-items: center; justify-content: center; padding: 1rem; z-index: 20; }
#help[hidden] { display: none; }
#help .dialog { background: #fff; border-radius: 8px; padding: 1rem 1.5rem; max-width: 32rem; width: 100%; }
kbd { font-family: ui-monospace, monospace; border: 1px solid #888; border-bottom-width: 2px; border-radius: 3px; padding: 0 .3rem; background: #f7f7f7; }
.login { max-width: 26rem; margin: 3rem auto; }
`;
