import { diffText } from '@concerto/board';
import type * as Y from 'yjs';

/** One operation of a Y.Text change, as in `YTextEvent.delta`. */
export interface DeltaOp {
  insert?: unknown;
  retain?: number;
  delete?: number;
}

function insertLength(insert: unknown): number {
  return typeof insert === 'string' ? insert.length : 1;
}

/**
 * Where a caret at `position` of the old text stands after `delta`. Text inserted before the
 * caret, or exactly at it, pushes it right (as Yjs relative positions do); deleted text before
 * it pulls it left; a deletion around it leaves it at the deletion point.
 */
export function transformPosition(position: number, delta: readonly DeltaOp[]): number {
  let oldIndex = 0;
  let result = position;
  for (const op of delta) {
    if (oldIndex > position) break;
    if (op.retain !== undefined) {
      oldIndex += op.retain;
    } else if (op.insert !== undefined) {
      result += insertLength(op.insert);
    } else if (op.delete !== undefined) {
      result -= Math.min(op.delete, Math.max(0, position - oldIndex));
      oldIndex += op.delete;
    }
  }
  return result;
}

type Field = HTMLTextAreaElement | HTMLInputElement;

export interface TextBindingOptions {
  /** transaction origin of local typing (the undo manager tracks it) */
  origin: unknown;
  /** Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y go to the shared undo instead of the field's own history */
  undo?: { undo(): unknown; redo(): unknown };
}

/**
 * Binds a text field to a Y.Text both ways. Local typing becomes one minimal splice per input
 * event (so two people typing in the same note both keep their words); a remote change
 * replaces the field's value and moves the caret and selection through the change.
 * Returns the unbind function.
 */
export function bindTextField(field: Field, text: Y.Text, options: TextBindingOptions): () => void {
  let known = text.toString();
  let applyingLocal = false;
  if (field.value !== known) field.value = known;

  const onInput = () => {
    const next = field.value;
    if (next === known) return;
    const { index, deleteCount, insert } = diffText(known, next);
    known = next;
    const write = () => {
      if (deleteCount > 0) text.delete(index, deleteCount);
      if (insert.length > 0) text.insert(index, insert);
    };
    applyingLocal = true;
    try {
      if (text.doc) text.doc.transact(write, options.origin);
      else write();
    } finally {
      applyingLocal = false;
    }
  };

  const onChange = (event: Y.YTextEvent) => {
    if (applyingLocal) return;
    const next = text.toString();
    if (next === field.value) {
      known = next;
      return;
    }
    const focused = field.ownerDocument.activeElement === field;
    const start = field.selectionStart ?? 0;
    const end = field.selectionEnd ?? 0;
    const direction = field.selectionDirection ?? 'none';
    const delta = event.delta as DeltaOp[];
    // The field may hold typing not yet seen as input (IME); the shared text wins.
    field.value = next;
    known = next;
    if (focused) {
      field.setSelectionRange(transformPosition(start, delta), transformPosition(end, delta), direction);
    }
  };

  const onKeyDown = (event: Event) => {
    const key = event as KeyboardEvent;
    if (options.undo === undefined || !(key.ctrlKey || key.metaKey) || key.altKey) return;
    const letter = key.key.toLowerCase();
    if (letter === 'z' && !key.shiftKey) options.undo.undo();
    else if ((letter === 'z' && key.shiftKey) || letter === 'y') options.undo.redo();
    else return;
    key.preventDefault();
  };

  field.addEventListener('input', onInput);
  field.addEventListener('keydown', onKeyDown);
  text.observe(onChange);
  return () => {
    field.removeEventListener('input', onInput);
    field.removeEventListener('keydown', onKeyDown);
    text.unobserve(onChange);
  };
}
