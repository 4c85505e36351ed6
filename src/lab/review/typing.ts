/**
 * The review's keyboard shortcuts (Alt+Y, Alt+R, Alt+N) act on the review,
 * never on text being typed: on many keyboards Alt types characters. While
 * focus is in an editor inside the review (the editable proposal), the review
 * carries `jp-mod-typing` and the shortcuts' selector does not match it.
 */
export const TYPING_CLASS = 'jp-mod-typing';

/** Keep `TYPING_CLASS` on `node` while focus is inside one of its editors; returns a disposer. */
export function trackTyping(node: HTMLElement): () => void {
  const update = () => {
    const active = node.ownerDocument.activeElement as HTMLElement | null;
    node.classList.toggle(TYPING_CLASS, !!active && node.contains(active) && Private.isEditable(active));
  };
  const onFocusIn = (event: FocusEvent) => {
    node.classList.toggle(TYPING_CLASS, Private.isEditable(event.target as HTMLElement | null));
  };
  const onFocusOut = () => {
    // Focus moves after focusout: look once it has landed.
    node.classList.remove(TYPING_CLASS);
    queueMicrotask(update);
  };
  node.addEventListener('focusin', onFocusIn);
  node.addEventListener('focusout', onFocusOut);
  return () => {
    node.removeEventListener('focusin', onFocusIn);
    node.removeEventListener('focusout', onFocusOut);
    node.classList.remove(TYPING_CLASS);
  };
}

namespace Private {
  export function isEditable(element: HTMLElement | null): boolean {
    return !!element?.closest?.('.cm-editor, input, textarea, select, [contenteditable="true"]');
  }
}
