/**
 * Splits text pieces into lines on CRLF, LF or a lone CR, across piece boundaries. `lineNumber` is 1-based.
 * A line longer than maxChars calls tooLong (which throws): a file without line breaks is not read into one string.
 */
export class LineSplitter {
  private carry = '';
  private lines = 0;

  constructor(
    private readonly maxChars: number,
    private readonly tooLong: (lineNumber: number) => never,
  ) {}

  /** The line being read now. */
  get current(): number {
    return this.lines + 1;
  }

  push(piece: string, emit: (line: string, lineNumber: number) => void): void {
    const text = this.carry + piece;
    const breaks = /\r\n|\r|\n/g;
    let start = 0;
    for (let match = breaks.exec(text); match; match = breaks.exec(text)) {
      // a CR at the very end may be the first half of a CRLF split across pieces
      if (match[0] === '\r' && match.index === text.length - 1) break;
      emit(text.slice(start, match.index), ++this.lines);
      start = match.index + match[0].length;
    }
    this.carry = text.slice(start);
    if (this.carry.length > this.maxChars) this.tooLong(this.lines + 1);
  }

  end(emit: (line: string, lineNumber: number) => void): void {
    const rest = this.carry.endsWith('\r') ? this.carry.slice(0, -1) : this.carry;
    this.carry = '';
    if (rest !== '') emit(rest, ++this.lines);
  }
}
