import { escapeHtml, html, raw, SafeHtml } from './html';

describe('escapeHtml', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a & b', 'a &amp; b'],
    ['" onmouseover="x', '&quot; onmouseover=&quot;x'],
    ["it's", 'it&#39;s'],
    ['`x`', '&#96;x&#96;'],
    ['&amp;', '&amp;amp;'],
    ['Jl. Sudirman No. 5', 'Jl. Sudirman No. 5'],
    ['', ''],
  ])('escapes %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('html', () => {
  it('returns SafeHtml whose string is the markup', () => {
    const out = html`<p>hi</p>`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(String(out)).toBe('<p>hi</p>');
  });

  it('escapes interpolated strings in content and attributes', () => {
    const evil = '<img src=x onerror="alert(1)">';
    const out = html`<p title="${evil}">${evil}</p>`.toString();
    expect(out).not.toContain('<img');
    expect(out).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>',
    );
  });

  it('does not escape nested templates or raw()', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${raw('<br>')}</p>`.toString()).toBe('<p><b>&lt;i&gt;</b><br></p>');
  });

  it('joins arrays, escaping plain strings inside them', () => {
    const items = ['a', '<b>'].map((s) => html`<li>${s}</li>`);
    expect(html`<ul>${items}</ul>`.toString()).toBe('<ul><li>a</li><li>&lt;b&gt;</li></ul>');
    expect(html`${['<x>', html`<y>`, [1, '&']]}`.toString()).toBe('&lt;x&gt;<y>1&amp;');
  });

  it('renders numbers and drops false, null and undefined', () => {
    const none: string | undefined = undefined;
    const hidden = false as boolean;
    expect(html`${0}|${12.5}|${false}|${null}|${none}|${hidden && html`<p>`}`.toString()).toBe('0|12.5||||');
  });

  it('does not re-escape already escaped output', () => {
    const once = html`${'&'}`;
    expect(html`${once}`.toString()).toBe('&amp;');
  });

  it('treats a lookalike object as untrusted text', () => {
    const fake = { toString: () => '<script>' } as unknown as string;
    expect(html`${fake}`.toString()).not.toContain('<script>');
  });
});
