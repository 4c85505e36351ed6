/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { act } from 'react';

import { readProvenance } from '../../src/core/notebook/provenance';
import { HistoryChanges, HistoryProblems } from '../../src/lab/history/content';

// react-dom ships no types of its own here; the spec needs only createRoot.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createRoot } = require('react-dom/client') as { createRoot(node: Element): { render(element: React.ReactElement): void } };

const trans = {
  __: (text: string, ...args: unknown[]) => args.reduce<string>((out, arg, i) => out.replace(`%${i + 1}`, String(arg)), text),
  _n: (one: string, many: string, n: number, ...args: unknown[]) =>
    [n, ...args].reduce<string>((out, arg, i) => out.replace(`%${i + 1}`, String(arg)), n === 1 ? one : many)
} as any;

function render(element: React.ReactElement): HTMLElement {
  const node = document.createElement('div');
  document.body.appendChild(node);
  act(() => createRoot(node).render(element));
  return node;
}

function renderHistory(record: unknown): HTMLElement {
  const provenance = readProvenance({ modernizer: record });
  expect(provenance).toBeDefined();
  return render(
    <>
      <HistoryProblems provenance={provenance!} trans={trans} />
      <HistoryChanges provenance={provenance!} trans={trans} />
    </>
  );
}

const change = {
  origin: 'rule:numpy-float',
  ruleIds: ['numpy-float'],
  reason: 'np.float was removed',
  sources: ['https://numpy.org/doc/'],
  before: 'np.float(1)',
  after: 'float(1)',
  decidedBy: 'policy'
};

beforeAll(() => {
  (globalThis as any).IS_REACT_ACT_ENVIRONMENT = true;
});

describe('HistoryChanges', () => {
  it('should render http(s) sources as links that open in a new tab', () => {
    const node = renderHistory({ version: 1, original: 'np.float(1)', changes: [change] });
    const links = Array.from(node.querySelectorAll('a'));
    expect(links.map(a => a.getAttribute('href'))).toEqual(['https://numpy.org/doc/']);
    expect(links[0].getAttribute('rel')).toContain('noopener');
    expect(node.querySelector('.jp-Modernizer-History-problems')).toBeNull();
  });

  it.each([['javascript:alert(document.cookie)'], ['JAVASCRIPT:alert(1)'], ['data:text/html,<b>x</b>'], ['vbscript:x'], ['/lab/api']])(
    'should never make %s a link',
    source => {
      const node = renderHistory({ version: 1, original: 'x', changes: [{ ...change, sources: [source] }] });
      expect(node.querySelectorAll('a')).toHaveLength(0);
      expect(node.innerHTML).not.toMatch(/href="(?!https?:)/i);
      expect(node.querySelector('.jp-Modernizer-History-problems')?.textContent).toMatch(/not a web/);
    }
  );

  it.each([
    ['changes not a list', { version: 1, original: 'x', changes: 'all of them' }],
    ['entries of every type', { version: 1, original: 'x', changes: [null, 3, 'x', [], { after: 5 }, { after: 'y' }] }],
    ['fields of the wrong type', { version: 'v', original: 'x', changes: [{ after: 'y', origin: 5, ruleIds: {}, sources: [{ href: 'javascript:x' }], reason: ['r'], before: null }] }],
    ['markup in the text', { version: 1, original: 'x', changes: [{ ...change, reason: '<img src=x onerror=alert(1)>', origin: '<script>alert(1)</script>' }] }]
  ])('should show a record with %s as malformed text, without crashing', (_, record) => {
    const node = renderHistory(record);
    expect(node.querySelectorAll('script, img, a[href^="javascript"]')).toHaveLength(0);
  });

  it('should say which part of a record is malformed', () => {
    const node = renderHistory({ version: 1, original: 'x', changes: [null, { after: 'y' }] });
    const problems = node.querySelector('.jp-Modernizer-History-problems')!;
    expect(problems.textContent).toMatch(/malformed/);
    expect(problems.textContent).toMatch(/could not be read/);
  });
});
