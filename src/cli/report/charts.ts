/**
 * Small inline SVG charts for the batch report: strings in, strings out, no
 * library and nothing fetched. Every chart has a <title> for screen readers.
 */

export interface IBar {
  label: string;
  value: number;
  color?: string;
  /** Shown after the bar instead of the value. */
  text?: string;
  /** A part of the bar drawn darker from the left (e.g. kernel time in wall time). */
  inner?: number;
}

export interface ISegment {
  key: string;
  value: number;
  color: string;
}

export const PALETTE = {
  good: '#2e7d32',
  fixed: '#1565c0',
  warn: '#ef8f00',
  bad: '#c62828',
  grey: '#8d8d8d',
  bar: '#5c6bc0',
  barInner: '#283593',
  axis: '#cfd3dc',
  text: '#1f2430',
  muted: '#5b6270'
};

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="12"';

/** Horizontal bars, one row per item, labels on the left. */
export function barChart(bars: IBar[], options: { title: string; width?: number; labelWidth?: number }): string {
  const width = options.width ?? 560;
  const labelWidth = options.labelWidth ?? 200;
  const row = 22;
  const valueWidth = 70;
  const height = Math.max(1, bars.length) * row + 8;
  const max = Math.max(1e-9, ...bars.map(bar => bar.value));
  const span = width - labelWidth - valueWidth;
  const rows = bars.map((bar, i) => {
    const y = 4 + i * row;
    const w = Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * span);
    const inner = bar.inner !== undefined ? Math.min(w, (bar.inner / max) * span) : 0;
    return (
      `<g><title>${escapeXml(`${bar.label}: ${bar.text ?? bar.value}`)}</title>` +
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end" fill="${PALETTE.text}">${escapeXml(truncate(bar.label, Math.floor((labelWidth - 12) / 7)))}</text>` +
      `<rect x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="${row - 8}" rx="2" fill="${bar.color ?? PALETTE.bar}"/>` +
      (inner > 0
        ? `<rect x="${labelWidth}" y="${y + 3}" width="${inner.toFixed(1)}" height="${row - 8}" rx="2" fill="${PALETTE.barInner}"/>`
        : '') +
      `<text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 15}" fill="${PALETTE.muted}">${escapeXml(bar.text ?? String(bar.value))}</text></g>`
    );
  });
  if (bars.length === 0) {
    rows.push(`<text x="${labelWidth}" y="18" fill="${PALETTE.muted}">nothing to show</text>`);
  }
  return svg(width, height, options.title, rows.join(''));
}

/** Stacked horizontal bars: one row per group, segments in a fixed key order, with a legend. */
export function stackedBars(
  groups: { label: string; segments: ISegment[] }[],
  options: { title: string; width?: number; labelWidth?: number }
): string {
  const width = options.width ?? 560;
  const labelWidth = options.labelWidth ?? 90;
  const row = 30;
  const span = width - labelWidth - 10;
  const keys: ISegment[] = [];
  for (const group of groups) {
    for (const segment of group.segments) {
      if (!keys.some(k => k.key === segment.key)) {
        keys.push(segment);
      }
    }
  }
  const parts: string[] = [];
  groups.forEach((group, i) => {
    const y = 6 + i * row;
    const total = group.segments.reduce((sum, s) => sum + s.value, 0);
    parts.push(`<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end" fill="${PALETTE.text}">${escapeXml(group.label)}</text>`);
    let x = labelWidth;
    for (const segment of group.segments) {
      if (segment.value <= 0 || total <= 0) {
        continue;
      }
      const w = (segment.value / total) * span;
      parts.push(
        `<g><title>${escapeXml(`${group.label}, ${segment.key}: ${segment.value}`)}</title>` +
          `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${row - 8}" fill="${segment.color}"/>` +
          (w > 18
            ? `<text x="${(x + w / 2).toFixed(1)}" y="${y + 15}" text-anchor="middle" fill="#fff" font-weight="600">${segment.value}</text>`
            : '') +
          '</g>'
      );
      x += w;
    }
  });
  // The legend wraps onto as many lines as it needs.
  let legendY = 6 + groups.length * row + 8;
  let lx = labelWidth;
  for (const key of keys) {
    const itemWidth = 22 + key.key.length * 6.5;
    if (lx > labelWidth && lx + itemWidth > width) {
      lx = labelWidth;
      legendY += 18;
    }
    parts.push(`<rect x="${lx}" y="${legendY}" width="10" height="10" fill="${key.color}"/>`);
    parts.push(`<text x="${lx + 14}" y="${legendY + 9}" fill="${PALETTE.muted}">${escapeXml(key.key)}</text>`);
    lx += itemWidth;
  }
  return svg(width, legendY + 18, options.title, parts.join(''));
}

/**
 * Score drifts as relative change, one row per notebook: a dot per paired
 * number at (now - then) / |then|, clipped to ±100 %, over a shaded ±10 %
 * band (the published study's tolerance).
 */
export function driftStrip(
  rows: { label: string; points: { original: number; current: number; matching: boolean; title: string }[] }[],
  options: { title: string; width?: number; labelWidth?: number }
): string {
  const width = options.width ?? 560;
  const labelWidth = options.labelWidth ?? 200;
  const row = 22;
  const top = 18;
  const span = width - labelWidth - 20;
  const x = (relative: number) => labelWidth + ((Math.max(-1, Math.min(1, relative)) + 1) / 2) * span;
  const height = top + rows.length * row + 22;
  const parts: string[] = [
    `<rect x="${x(-0.1).toFixed(1)}" y="${top}" width="${(x(0.1) - x(-0.1)).toFixed(1)}" height="${rows.length * row}" fill="#e8f5e9"/>`,
    `<line x1="${x(0)}" y1="${top}" x2="${x(0)}" y2="${top + rows.length * row}" stroke="${PALETTE.grey}" stroke-dasharray="3 3"/>`
  ];
  for (const [value, text] of [[-1, '≤ −100 %'], [0, '0'], [1, '≥ +100 %']] as [number, string][]) {
    parts.push(`<text x="${x(value).toFixed(1)}" y="${top - 5}" text-anchor="middle" fill="${PALETTE.muted}">${text}</text>`);
  }
  rows.forEach((r, i) => {
    const y = top + i * row + row / 2;
    parts.push(`<line x1="${labelWidth}" y1="${y}" x2="${labelWidth + span}" y2="${y}" stroke="${PALETTE.axis}"/>`);
    parts.push(`<text x="${labelWidth - 8}" y="${y + 4}" text-anchor="end" fill="${PALETTE.text}">${escapeXml(truncate(r.label, Math.floor((labelWidth - 12) / 7)))}</text>`);
    for (const p of r.points) {
      const relative = (p.current - p.original) / (Math.abs(p.original) || 1);
      parts.push(
        `<circle cx="${x(relative).toFixed(1)}" cy="${y}" r="4.5" fill="${p.matching ? PALETTE.good : PALETTE.bad}" fill-opacity="0.75">` +
          `<title>${escapeXml(p.title)}</title></circle>`
      );
    }
  });
  parts.push(`<text x="${labelWidth + span / 2}" y="${height - 4}" text-anchor="middle" fill="${PALETTE.muted}">(now − original) / |original|; shaded: ±10 %</text>`);
  return svg(width, height, options.title, parts.join(''));
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function svg(width: number, height: number, title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>` +
    `<title>${escapeXml(title)}</title>${body}</svg>`
  );
}

/** Shortened in the middle: the start of a path and its file name both stay readable. */
function truncate(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  const tail = Math.ceil((max - 1) * 0.6);
  return text.slice(0, Math.max(1, max - 1 - tail)) + '…' + text.slice(text.length - tail);
}
