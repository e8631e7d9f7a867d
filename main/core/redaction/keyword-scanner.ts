/**
 * Finds, in one pass over a text, where any of many keywords occur (ASCII,
 * case-insensitively), so that only the rules of those keywords run, and only around
 * where they occur: gitleaks' `keywords` pre-filter.
 *
 * An Aho-Corasick automaton over lowercase ASCII with a dense transition table: one table
 * lookup per character whatever the number of keywords (a regex alternation of ~300
 * keywords costs several times more per character). A non-ASCII character can be part of
 * no keyword and resets the automaton.
 */
export class KeywordScanner {
  readonly keywords: readonly string[];
  private readonly table: Uint16Array | Uint32Array;
  /** Per state: the keyword indices that end there (itself and through failure links), or null. */
  private readonly outputs: (readonly number[] | null)[];

  constructor(keywords: Iterable<string>) {
    const unique = [...new Set([...keywords].map((keyword) => keyword.toLowerCase()))].filter((keyword) => keyword.length > 0);
    for (const keyword of unique) if (/[^\x20-\x7e]/.test(keyword)) throw new Error(`keyword "${keyword}" is not printable ASCII`);
    this.keywords = unique;
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
    const table = states < 65536 ? new Uint16Array(states * 128) : new Uint32Array(states * 128);
    // Breadth-first: a state's failure link and row are known before its children's.
    const queue: number[] = [0];
    for (let head = 0; head < queue.length; head += 1) {
      const state = queue[head]!;
      if (state !== 0) ends[state]!.push(...ends[fail[state]!]!);
      for (let code = 0; code < 128; code += 1) {
        const child = children[state]!.get(code);
        if (child !== undefined) {
          fail[child] = state === 0 ? 0 : table[fail[state]! * 128 + code]!;
          table[state * 128 + code] = child;
          queue.push(child);
        } else {
          table[state * 128 + code] = state === 0 ? 0 : table[fail[state]! * 128 + code]!;
        }
      }
    }
    this.table = table;
    this.outputs = ends.map((list) => (list.length === 0 ? null : list));
  }

  /**
   * Every occurrence of a keyword: calls `found(keywordIndex, start)` (indices into
   * `keywords`). Overlapping occurrences are all reported.
   */
  forEach(text: string, found: (keyword: number, start: number) => void): void {
    const table = this.table;
    const outputs = this.outputs;
    const keywords = this.keywords;
    let state = 0;
    for (let index = 0; index < text.length; index += 1) {
      let code = text.charCodeAt(index);
      if (code >= 128) {
        state = 0;
        continue;
      }
      if (code >= 65 && code <= 90) code += 32;
      state = table[state * 128 + code]!;
      const out = outputs[state];
      if (out != null) for (const keyword of out) found(keyword, index + 1 - keywords[keyword]!.length);
    }
  }

  /** The keywords (lowercase) that occur in the text. */
  scan(text: string): Set<string> {
    const found = new Set<string>();
    this.forEach(text, (keyword) => found.add(this.keywords[keyword]!));
    return found;
  }
}
