/**
 * Which stored batches of one room this process's document holds, by storage seq. Batches
 * arrive out of order between instances (a local commit may get seq 11 while a remote 10 is
 * still on its way), so this keeps the contiguous watermark — every seq up to it is applied —
 * plus the seqs seen above it. Anything above the watermark that is missing is a gap: the room
 * catches up from storage with `loadRoomSince(watermark)`. Pure.
 */
export class SeqTracker {
  private mark: number;
  private readonly above = new Set<number>();
  private top: number;

  constructor(loadedThrough: number) {
    this.mark = loadedThrough;
    this.top = loadedThrough;
  }

  /** every seq up to this one is applied */
  get watermark(): number {
    return this.mark;
  }

  /** the highest seq applied */
  get highest(): number {
    return this.top;
  }

  /** a seq above the watermark is applied while one below it is not */
  get hasGap(): boolean {
    return this.above.size > 0;
  }

  has(seq: number): boolean {
    return seq <= this.mark || this.above.has(seq);
  }

  /** the batch with this seq is in the document */
  applied(seq: number): void {
    if (seq <= this.mark) return;
    this.top = Math.max(this.top, seq);
    this.above.add(seq);
    this.advance();
  }

  /** every row through `lastSeq` was read from storage and applied (a catch-up, a load) */
  caughtUp(lastSeq: number): void {
    if (lastSeq <= this.mark) return;
    this.mark = lastSeq;
    this.top = Math.max(this.top, lastSeq);
    for (const seq of this.above) if (seq <= lastSeq) this.above.delete(seq);
    this.advance();
  }

  /** is storage known to hold more than this document? (a 'head' from another instance) */
  isBehind(head: number): boolean {
    return head > this.mark;
  }

  private advance(): void {
    while (this.above.delete(this.mark + 1)) this.mark += 1;
  }
}
