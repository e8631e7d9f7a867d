/**
 * Finds, in one pass over a text, where any of many keywords occur (ASCII,
 * case-insensitively), so that only the rules of those keywords run, and only around
 * where they occur: gitleaks' `keywords` pre-filter.
 *
 * An Aho-Corasick automaton over ASCII with a dense transition table: one table lookup
 * per character whatever the number of keywords (a regex alternation of ~300 keywords
 * costs several times more per character). Upper-case letters have the transitions of
 * their lower-case letter, so the loop folds no case. States where a keyword ends are
 * numbered last, so that "a keyword ends here" is one comparison, not a lookup. A
 * non-ASCII character can be part of no keyword and resets the automaton.
 */
export class KeywordScanner {
  readonly keywords: readonly string[];
  private readonly table: Uint16Array | Uint32Array;
  /** States numbered from this one on are where at least one keyword ends. */
  private readonly firstOutputState: number;
  /** Per output state (minus firstOutputState): its keywords in `outputKeywords`, [outputStart[i], outputStart[i + 1]). */
  private readonly outputStart: Int32Array;
  /** The keyword indices that end at each output state (itself and through failure links). */
  private readonly outputKeywords: Int32Array;
  /** Per keyword: its length. */
  private readonly lengths: Int32Array;
  /** The hits of the last `collect`, as pairs (keyword index, start). */
  private buffer = new Int32Array(4096);

  constructor(keywords: Iterable<string>) {
    const unique = [...new Set([...keywords].map((keyword) => keyword.toLowerCase()))].filter((keyword) => keyword.length > 0);
    for (const keyword of unique) if (/[^\x20-\x7e]/.test(keyword)) throw new Error(`keyword "${keyword}" is not printable ASCII`);
    this.keywords = unique;
    this.lengths = Int32Array.from(unique, (keyword) => keyword.length);
    const children: Map<number, number>[] = [new Map()];
    const ends: number[][] = [[]];
    unique.forEach((keyword, index) => {
      let state = 0;
      for (let position = 0; position < keyword.length; position += 1) {
        const code = keyword.charCodeAt(position);
        let next = children[state]!.get(code);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          ends.push([]);
          children[state]!.set(code, next);
        }
        state = next;
      }
      ends[state]!.push(index);
    });
    const states = children.length;
    const fail = new Int32Array(states);
    const built = new Int32Array(states * 128);
    // Breadth-first: a state's failure link and row are known before its children's.
    const queue: number[] = [0];
    for (let head = 0; head < queue.length; head += 1) {
      const state = queue[head]!;
      if (state !== 0) ends[state]!.push(...ends[fail[state]!]!);
      for (let code = 0; code < 128; code += 1) {
        const child = children[state]!.get(code);
        if (child !== undefined) {
          fail[child] = state === 0 ? 0 : built[fail[state]! * 128 + code]!;
          built[state * 128 + code] = child;
          queue.push(child);
        } else {
          built[state * 128 + code] = state === 0 ? 0 : built[fail[state]! * 128 + code]!;
        }
      }
    }
    // Renumber: states without output first (the root, 0, has none: keywords are not empty), then those with.
    const order = [...Array(states).keys()].sort((a, b) => Number(ends[a]!.length > 0) - Number(ends[b]!.length > 0) || a - b);
    const number = new Int32Array(states);
    order.forEach((state, position) => (number[state] = position));
    this.firstOutputState = order.findIndex((state) => ends[state]!.length > 0);
    if (this.firstOutputState < 0) this.firstOutputState = states;
    const table = states < 65536 ? new Uint16Array(states * 128) : new Uint32Array(states * 128);
    order.forEach((state, position) => {
      for (let code = 0; code < 128; code += 1) table[position * 128 + code] = number[built[state * 128 + code]!]!;
      // Case-insensitive: an upper-case letter goes where its lower-case letter goes (keywords are lower case).
      for (let code = 65; code <= 90; code += 1) table[position * 128 + code] = table[position * 128 + code + 32]!;
    });
    this.table = table;
    const outputs = order.slice(this.firstOutputState);
    this.outputStart = new Int32Array(outputs.length + 1);
    outputs.forEach((state, position) => (this.outputStart[position + 1] = this.outputStart[position]! + ends[state]!.length));
    this.outputKeywords = Int32Array.from(outputs.flatMap((state) => ends[state]!));
  }

  /**
   * Every occurrence of a keyword in the text, overlapping ones included, in the order
   * they end: returns how many, and `hits` holds them as pairs (keyword index into
   * `keywords`, start). The array is reused by the next call: read it before.
   */
  collect(text: string): number {
    const table = this.table;
    const firstOutput = this.firstOutputState;
    let hits = this.buffer;
    let count = 0;
    let state = 0;
    const length = text.length;
    for (let index = 0; index < length; index += 1) {
      const code = text.charCodeAt(index);
      if (code >= 128) {
        state = 0;
        continue;
      }
      state = table[state * 128 + code]!;
      if (state >= firstOutput) {
        const outputStart = this.outputStart;
        const outputKeywords = this.outputKeywords;
        const last = outputStart[state - firstOutput + 1]!;
        for (let output = outputStart[state - firstOutput]!; output < last; output += 1) {
          if (count * 2 + 2 > hits.length) {
            const grown = new Int32Array(hits.length * 2);
            grown.set(hits);
            hits = this.buffer = grown;
          }
          const keyword = outputKeywords[output]!;
          hits[count * 2] = keyword;
          hits[count * 2 + 1] = index + 1 - this.lengths[keyword]!;
          count += 1;
        }
      }
    }
    return count;
  }

  /** The hits of the last `collect` (pairs: keyword index, start); valid until the next call. */
  get hits(): Int32Array {
    return this.buffer;
  }

  /**
   * Every occurrence of a keyword: calls `found(keywordIndex, start)` (indices into
   * `keywords`). Overlapping occurrences are all reported.
   */
  forEach(text: string, found: (keyword: number, start: number) => void): void {
    const count = this.collect(text);
    // A copy: `found` may scan again.
    const hits = this.buffer.slice(0, count * 2);
    for (let hit = 0; hit < count; hit += 1) found(hits[hit * 2]!, hits[hit * 2 + 1]!);
  }

  /** The keywords (lowercase) that occur in the text. */
  scan(text: string): Set<string> {
    const found = new Set<string>();
    this.forEach(text, (keyword) => found.add(this.keywords[keyword]!));
    return found;
  }
}
