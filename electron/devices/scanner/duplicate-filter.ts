/**
 * Drops a frame identical to the one just before it when it comes within `windowMs`.
 * The window restarts with every repeat, so a scanner that keeps re-reading the same label
 * (presentation mode) yields one frame until it has been quiet for `windowMs`.
 * A different frame always passes and becomes the new reference.
 */
export class DuplicateFilter {
  #lastText: string | null = null;
  #lastAt = 0;

  constructor(readonly windowMs: number) {}

  /** True when the frame should be delivered; `at` is clock time in ms. */
  accept(text: string, at: number): boolean {
    const elapsed = at - this.#lastAt;
    // A clock that went backwards (negative elapsed) counts as outside the window.
    const repeat = this.#lastText === text && elapsed >= 0 && elapsed < this.windowMs;
    this.#lastText = text;
    this.#lastAt = at;
    return !repeat;
  }

  reset(): void {
    this.#lastText = null;
    this.#lastAt = 0;
  }
}
