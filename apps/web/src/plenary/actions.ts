import {
  addIdeaToTheme,
  createTheme,
  deleteTheme,
  moveTheme,
  removeIdeaFromTheme,
  setIdeaFlags,
} from '@concerto/board';
import type { Focus, IdeaFlags } from '@concerto/board';

import { control } from '../api/client.js';
import type { PlenaryStore } from '../sync/plenaryStore.js';
import { orderWith, planIdeaOrder } from './themeOrder.js';

/**
 * The facilitator's writes to the plenary, all through `@concerto/board` with this client's
 * origin; the projectors' focus goes through the HTTP API (only the server writes `control`).
 */
export class PlenaryActions {
  /** the transaction origin of this page's writes */
  readonly origin = { source: 'plenary-page' };

  constructor(
    private readonly store: PlenaryStore,
    private readonly sessionId: string,
    private readonly token: string,
  ) {}

  private get doc() {
    return this.store.doc;
  }

  private themeIdeas(themeId: string): string[] {
    return this.store.getView().plenary.themes.find((theme) => theme.id === themeId)?.ideaIds ?? [];
  }

  createTheme(label: string, firstIdea?: string): string {
    let id = '';
    this.doc.transact(() => {
      id = createTheme(this.doc, { label }, this.origin);
      if (firstIdea !== undefined) addIdeaToTheme(this.doc, id, firstIdea, this.origin);
    }, this.origin);
    return id;
  }

  deleteTheme(id: string): void {
    deleteTheme(this.doc, id, this.origin);
  }

  moveTheme(id: string, toIndex: number): void {
    moveTheme(this.doc, id, toIndex, this.origin);
  }

  /**
   * Puts an idea in a theme at a position (the end by default), taking it out of any other
   * theme. See themeOrder.ts for why a position takes several board operations.
   */
  placeIdea(ideaId: string, themeId: string, toIndex?: number): void {
    const current = this.themeIdeas(themeId);
    const wanted = orderWith(current, ideaId, toIndex ?? current.length);
    this.doc.transact(() => {
      if (!current.includes(ideaId)) {
        // Appending first also takes it out of its former theme.
        addIdeaToTheme(this.doc, themeId, ideaId, this.origin);
        current.push(ideaId);
      }
      const plan = planIdeaOrder(current, wanted);
      if (plan === null) return;
      for (const id of plan.remove) removeIdeaFromTheme(this.doc, themeId, id, this.origin);
      for (const id of plan.append) addIdeaToTheme(this.doc, themeId, id, this.origin);
    }, this.origin);
  }

  takeOut(ideaId: string, themeId: string): void {
    removeIdeaFromTheme(this.doc, themeId, ideaId, this.origin);
  }

  setFlags(ideaId: string, flags: Partial<IdeaFlags>): void {
    setIdeaFlags(this.doc, ideaId, flags, this.origin);
  }

  /** Where every projector of the session turns (they follow it live). */
  focus(focus: Focus): Promise<unknown> {
    return control.focus(this.sessionId, this.token, focus);
  }
}
