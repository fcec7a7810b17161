import { useEffect, useRef } from 'react';

/*
 * A round change replaces the canvas. Just before, the page says so, synchronously, while the
 * board's room is still open: whatever holds text not yet in the document (the phone's note
 * form) writes it there, so nothing typed is lost at the change.
 */
const LEAVING_BOARD = 'concerto:leaving-board';

export function announceLeavingBoard(boardId: string): void {
  window.dispatchEvent(new CustomEvent(LEAVING_BOARD, { detail: boardId }));
}

/** Runs `save` when the page is about to leave the board it shows. */
export function useBeforeLeavingBoard(save: () => void): void {
  const latest = useRef(save);
  latest.current = save;
  useEffect(() => {
    const onLeaving = () => latest.current();
    window.addEventListener(LEAVING_BOARD, onLeaving);
    return () => window.removeEventListener(LEAVING_BOARD, onLeaving);
  }, []);
}
