/**
 * @jest-environment jsdom
 */
import { CommandRegistry } from '@lumino/commands';
import { trackTyping } from '../../src/lab/review/typing';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const schema = require('../../schema/plugin.json') as { 'jupyter.lab.shortcuts': { command: string; keys: string[]; selector: string }[] };

const REVIEW_COMMANDS = ['modernizer:accept', 'modernizer:reject', 'modernizer:next-proposal'];

/** The document of a lab with a notebook cell editor and the review (with its own editor). */
function layout(): { notebookEditor: HTMLElement; review: HTMLElement; reviewEditor: HTMLElement; button: HTMLElement } {
  document.body.innerHTML = `
    <div class="jp-Notebook"><div class="jp-Cell"><div class="cm-editor"><div class="cm-content" contenteditable="true" id="nb"></div></div></div></div>
    <div class="jp-Modernizer-Review" tabindex="-1" id="review">
      <div class="jp-Modernizer-Merge"><div class="cm-editor"><div class="cm-content" contenteditable="true" id="merge"></div></div></div>
      <div class="jp-Modernizer-ReviewBar"><button id="accept">Accept</button></div>
    </div>`;
  return {
    notebookEditor: document.getElementById('nb')!,
    review: document.getElementById('review')!,
    reviewEditor: document.getElementById('merge')!,
    button: document.getElementById('accept')!
  };
}

function registry(ran: string[]): { dispose(): void } {
  const commands = new CommandRegistry();
  for (const id of REVIEW_COMMANDS) {
    commands.addCommand(id, { execute: () => void ran.push(id) });
  }
  for (const shortcut of schema['jupyter.lab.shortcuts'].filter(s => REVIEW_COMMANDS.includes(s.command))) {
    commands.addKeyBinding({ command: shortcut.command, keys: shortcut.keys, selector: shortcut.selector });
  }
  const listener = (event: KeyboardEvent) => commands.processKeydownEvent(event);
  document.addEventListener('keydown', listener, true);
  return {
    dispose: () => {
      document.removeEventListener('keydown', listener, true);

    }
  };
}

/** Key bindings run their command asynchronously. */
const settled = () => new Promise(resolve => setTimeout(resolve, 10));

/** Alt+<letter> as a keyboard where Alt types characters (macOS: Alt+Y is ¥). */
function altKey(target: HTMLElement, letter: string): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key: letter === 'y' ? '¥' : letter, code: `Key${letter.toUpperCase()}`, altKey: true, bubbles: true, cancelable: true });
  Object.defineProperty(event, 'keyCode', { value: letter.toUpperCase().charCodeAt(0) });
  target.dispatchEvent(event);
  return event;
}

describe('review shortcuts', () => {
  it.each(REVIEW_COMMANDS)('should scope %s to the review, not the whole page', command => {
    const shortcut = schema['jupyter.lab.shortcuts'].find(s => s.command === command)!;
    expect(shortcut.selector).not.toBe('body');
    expect(shortcut.selector).toContain('.jp-Modernizer-Review');
  });

  it('should not fire while typing in a notebook editor', async () => {
    const ran: string[] = [];
    const commands = registry(ran);
    const { notebookEditor } = layout();
    const event = altKey(notebookEditor, 'y');
    await settled();
    expect(ran).toEqual([]);
    expect(event.defaultPrevented).toBe(false);
    commands.dispose();
  });

  it('should fire in the review', async () => {
    const ran: string[] = [];
    const commands = registry(ran);
    const { button, review } = layout();
    trackTyping(review);
    altKey(button, 'y');
    altKey(review, 'r');
    altKey(review, 'n');
    await settled();
    expect(ran).toEqual(['modernizer:accept', 'modernizer:reject', 'modernizer:next-proposal']);
    commands.dispose();
  });

  it('should not fire while typing in the review editor, and fire again once focus leaves it', async () => {
    const ran: string[] = [];
    const commands = registry(ran);
    const { review, reviewEditor, button } = layout();
    trackTyping(review);
    reviewEditor.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    const typed = altKey(reviewEditor, 'y');
    await settled();
    expect(ran).toEqual([]);
    expect(typed.defaultPrevented).toBe(false);
    reviewEditor.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    await settled();
    altKey(button, 'y');
    await settled();
    expect(ran).toEqual(['modernizer:accept']);
    commands.dispose();
  });
});
