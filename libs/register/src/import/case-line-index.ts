/**
 * Where each case's lines are in a file: byte offset, byte length and line number of every line, in
 * typed arrays chained per case. A few bytes a line, where a JS array a case cost several times
 * that: the index of a 1 000 000-event file stays near 20 MB.
 */
export class CaseLineIndex {
  private readonly numbers = new Map<string, number>();
  /** per case: its first and last line entry */
  private first = new Int32Array(1024);
  private last = new Int32Array(1024);
  /** per line entry */
  private offsets = new Float64Array(4096);
  private lengths = new Uint32Array(4096);
  private lineNos = new Uint32Array(4096);
  /** the case's next line entry, or -1 */
  private next = new Int32Array(4096);
  private entries = 0;

  get size(): number {
    return this.numbers.size;
  }

  add(caseId: string, offset: number, length: number, lineNo: number): void {
    const entry = this.entries++;
    if (entry === this.offsets.length) this.growLines();
    this.offsets[entry] = offset;
    this.lengths[entry] = length;
    this.lineNos[entry] = lineNo;
    this.next[entry] = -1;
    let number = this.numbers.get(caseId);
    if (number === undefined) {
      number = this.numbers.size;
      this.numbers.set(caseId, number);
      if (number === this.first.length) this.growCases();
      this.first[number] = entry;
    } else {
      this.next[this.last[number]] = entry;
    }
    this.last[number] = entry;
  }

  /** The case's number (0, 1, … in order of first appearance), or undefined for a case not indexed. */
  numberOf(caseId: string): number | undefined {
    return this.numbers.get(caseId);
  }

  lastLineNo(number: number): number {
    return this.lineNos[this.last[number]];
  }

  /** The case's lines in file order. */
  *lines(number: number): Generator<{ offset: number; length: number; lineNo: number }> {
    for (let entry = this.first[number]; entry !== -1; entry = this.next[entry]) {
      yield { offset: this.offsets[entry], length: this.lengths[entry], lineNo: this.lineNos[entry] };
    }
  }

  private growLines(): void {
    const size = this.offsets.length * 2;
    this.offsets = grown(this.offsets, new Float64Array(size));
    this.lengths = grown(this.lengths, new Uint32Array(size));
    this.lineNos = grown(this.lineNos, new Uint32Array(size));
    this.next = grown(this.next, new Int32Array(size));
  }

  private growCases(): void {
    const size = this.first.length * 2;
    this.first = grown(this.first, new Int32Array(size));
    this.last = grown(this.last, new Int32Array(size));
  }
}

function grown<T extends Float64Array | Uint32Array | Int32Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
