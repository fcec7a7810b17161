import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ReactNode, RefObject } from 'react';
import { createPortal } from 'react-dom';

interface PopoverProps {
  anchor: RefObject<HTMLElement | null>;
  label: string;
  /** false when the content places the focus itself (a menu with several views) */
  autoFocus?: boolean;
  onClose: () => void;
  children: ReactNode;
}

const MARGIN = 8;

/**
 * A small panel of actions next to the button that opened it, above the canvas (so it keeps
 * its size whatever the zoom); a bottom sheet on small screens. Escape, a click outside or
 * leaving it with Tab closes it; the focus goes back to the button.
 */
export function Popover({ anchor, label, autoFocus = true, onClose, children }: PopoverProps) {
  const panel = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState<{ left: number; top: number } | null>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useLayoutEffect(() => {
    const button = anchor.current;
    const element = panel.current;
    if (button === null || element === null) return;
    const a = button.getBoundingClientRect();
    const width = element.offsetWidth;
    const height = element.offsetHeight;
    let left = Math.min(a.left, window.innerWidth - width - MARGIN);
    let top = a.bottom + 4;
    if (top + height > window.innerHeight - MARGIN) top = Math.max(MARGIN, a.top - height - 4);
    left = Math.max(MARGIN, left);
    setPosition({ left, top });
  }, [anchor]);

  // Only once placed: a hidden panel's buttons cannot take the focus.
  const placed = position !== null;
  useEffect(() => {
    if (!placed || !autoFocus) return;
    panel.current?.querySelector<HTMLElement>('button:not([disabled]), input, textarea')?.focus({ preventScroll: true });
  }, [placed, autoFocus]);

  useEffect(() => {
    const dismiss = (restoreFocus: boolean) => {
      close.current();
      if (restoreFocus) anchor.current?.focus({ preventScroll: true });
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        dismiss(true);
      }
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !anchor.current?.contains(target)) dismiss(false);
    };
    const onFocus = (event: FocusEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !anchor.current?.contains(target)) close.current();
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('pointerdown', onPointer, true);
    document.addEventListener('focusin', onFocus);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('pointerdown', onPointer, true);
      document.removeEventListener('focusin', onFocus);
    };
  }, [anchor]);

  return createPortal(
    <div
      ref={panel}
      className="popover"
      role="dialog"
      aria-label={label}
      style={position === null ? { visibility: 'hidden' } : { left: position.left, top: position.top }}
    >
      {children}
    </div>,
    document.body,
  );
}
