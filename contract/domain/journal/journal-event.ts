/** The journal's data shapes, free of Node imports so that the contract can name them. */

/** One line of journal.jsonl. */
export interface JournalEvent<Data = unknown> {
  readonly seq: number;
  /** ISO 8601 UTC, millisecond precision. */
  readonly ts: string;
  readonly actor: string;
  readonly type: string;
  readonly data: Data;
  readonly prev: string;
  readonly hash: string;
}

/** Where and why a journal stops verifying. `seq` is the first event that cannot be trusted. */
export interface JournalBreak {
  readonly seq: number;
  /** 1-based line number in the file. */
  readonly line: number;
  readonly reason: string;
}

export interface JournalVerification {
  readonly ok: boolean;
  /** Events that verified, from the start of the file. */
  readonly count: number;
  readonly head: { readonly seq: number; readonly hash: string };
  /** Byte length of the verified prefix (everything before a torn tail or a break). */
  readonly goodBytes: number;
  /** A last line cut short by a crash: not part of the chain, to be kept aside. */
  readonly tornTail?: { readonly offset: number; readonly length: number };
  readonly break?: JournalBreak;
}
