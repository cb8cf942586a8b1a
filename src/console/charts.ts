import { html, type SafeHtml } from '../http/html';

/**
 * Server-rendered SVG charts: no script, no external assets. Colours are presentation
 * attributes (the console's CSP allows no inline styles). Each chart has a title and a text
 * table beside it on the page, so screen readers get the numbers.
 */

// Colour-blind-safe palette (Okabe–Ito), dark enough for 3:1 against white.
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#8a6d00', '#56B4E9', '#000000'];

export interface Series {
  name: string;
  values: readonly number[];
}

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((s) => s * magnitude >= max) ?? 10;
  return step * magnitude;
}

/** Stacked vertical bars: one bar per label, one segment per series. */
export function stackedBars(title: string, labels: readonly string[], series: readonly Series[]): SafeHtml {
  const width = 640;
  const height = 240;
  const left = 40;
  const bottom = 40;
  const top = 10;
  const plotH = height - bottom - top;
  const totals = labels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const slot = (width - left - 10) / Math.max(1, labels.length);
  const barW = Math.max(4, slot * 0.7);
  const bars = labels.map((label, i) => {
    let y = top + plotH;
    const segments = series.map((s, k) => {
      const v = s.values[i] ?? 0;
      const h = (v / max) * plotH;
      y -= h;
      return v > 0 ? html`<rect x="${(left + i * slot + (slot - barW) / 2).toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${PALETTE[k % PALETTE.length] ?? '#000'}"><title>${label} · ${s.name}: ${v}</title></rect>` : '';
    });
    const showLabel = labels.length <= 16 || i % Math.ceil(labels.length / 8) === 0;
    return html`${segments}${showLabel ? html`<text x="${(left + i * slot + slot / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle" font-size="11" fill="#333">${label}</text>` : ''}`;
  });
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}" xmlns="http://www.w3.org/2000/svg">
    <title>${title}</title>
    <line x1="${left}" y1="${top + plotH}" x2="${width - 5}" y2="${top + plotH}" stroke="#555"/>
    <text x="${left - 6}" y="${top + 10}" text-anchor="end" font-size="11" fill="#333">${max}</text>
    <text x="${left - 6}" y="${top + plotH}" text-anchor="end" font-size="11" fill="#333">0</text>
    ${bars}
  </svg>`;
}

/** Horizontal bars, one per label: backlogs and counts by category. */
export function horizontalBars(title: string, rows: readonly { label: string; value: number; colour?: string }[]): SafeHtml {
  const width = 640;
  const rowH = 26;
  const labelW = 220;
  const height = Math.max(1, rows.length) * rowH + 10;
  const max = niceMax(Math.max(0, ...rows.map((r) => r.value)));
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}" xmlns="http://www.w3.org/2000/svg">
    <title>${title}</title>
    ${rows.map((r, i) => {
      const w = (r.value / max) * (width - labelW - 60);
      const y = 5 + i * rowH;
      return html`<text x="${labelW - 8}" y="${y + 17}" text-anchor="end" font-size="13" fill="#1a1a1a">${r.label}</text>
        <rect x="${labelW}" y="${y + 4}" width="${Math.max(0, w).toFixed(1)}" height="${rowH - 8}" fill="${r.colour ?? PALETTE[0] ?? '#000'}"><title>${r.label}: ${r.value}</title></rect>
        <text x="${(labelW + Math.max(0, w) + 6).toFixed(1)}" y="${y + 17}" font-size="13" fill="#1a1a1a">${r.value}</text>`;
    })}
  </svg>`;
}

/** A colour key for a chart's series. */
export function legend(names: readonly string[]): SafeHtml {
  return html`<ul class="legend">${names.map(
    (n, k) => html`<li><svg width="14" height="14" aria-hidden="true" focusable="false"><rect width="14" height="14" fill="${PALETTE[k % PALETTE.length] ?? '#000'}"/></svg> ${n}</li>`,
  )}</ul>`;
}
