import type * as Y from 'yjs';
import { readControl, readIdeaFlags, readPlenary, readSheetTemplate, tallyVotes } from '@concerto/board';
import type { IdeaFlags, PlenarySnapshot, SessionControl, SheetField } from '@concerto/board';
import type { GroupDescription } from '@concerto/contract';

/**
 * The read model of a session's plenary document: the session's control state (phase, timer,
 * locks, focus, vote), the groups' shared key ideas, themes, idea flags and the vote tally.
 * A plenary is small (a few dozen ideas), so each change re-reads it whole; what React sees
 * keeps its identity until its content changes.
 */
export interface PlenaryView {
  control: SessionControl;
  plenary: PlenarySnapshot;
  flags: ReadonlyMap<string, IdeaFlags>;
  /** counted dots per item id for the current vote (empty when none) */
  tally: ReadonlyMap<string, number>;
  voters: number;
  /** the session's action sheet fields (issue 11 §4), kept in the plenary */
  sheetTemplate: readonly SheetField[];
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class PlenaryStore {
  private view: PlenaryView;
  private readonly listeners = new Set<() => void>();
  private readonly onUpdate = () => this.refresh();

  constructor(
    readonly doc: Y.Doc,
    private groups: readonly GroupDescription[],
  ) {
    this.view = this.read();
    doc.on('afterTransaction', this.onUpdate);
  }

  private read(): PlenaryView {
    const control = readControl(this.doc);
    const vote = control.vote;
    const { counts, voters } = vote === null ? { counts: new Map<string, number>(), voters: 0 } : tallyVotes(this.doc, vote.id, vote.votesPerParticipant);
    return { control, plenary: readPlenary(this.doc, this.groups), flags: readIdeaFlags(this.doc), tally: counts, voters, sheetTemplate: readSheetTemplate(this.doc) };
  }

  private refresh(): void {
    const next = this.read();
    const prev = this.view;
    const merged: PlenaryView = {
      control: sameJson(prev.control, next.control) ? prev.control : next.control,
      plenary: sameJson(prev.plenary, next.plenary) ? prev.plenary : next.plenary,
      flags: sameJson([...prev.flags], [...next.flags]) ? prev.flags : next.flags,
      tally: sameJson([...prev.tally], [...next.tally]) ? prev.tally : next.tally,
      voters: next.voters,
      sheetTemplate: sameJson(prev.sheetTemplate, next.sheetTemplate) ? prev.sheetTemplate : next.sheetTemplate,
    };
    if (merged.control === prev.control && merged.plenary === prev.plenary && merged.flags === prev.flags && merged.tally === prev.tally && merged.voters === prev.voters
      && merged.sheetTemplate === prev.sheetTemplate) return;
    this.view = merged;
    for (const listener of this.listeners) listener();
  }

  /** The session's groups changed (names): re-read with them. */
  setGroups(groups: readonly GroupDescription[]): void {
    this.groups = groups;
    this.refresh();
  }

  getView = (): PlenaryView => this.view;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    this.doc.off('afterTransaction', this.onUpdate);
    this.listeners.clear();
  }
}
