import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { WarRoomError, ioError } from '../../../contract/domain/errors';
import type { LiteralRecord } from '../../../contract/domain/report/report-events';
import { RedactionLimits } from './redaction-patterns';

/**
 * The operator's "mask this exact text" literals of a workspace: one file beside the
 * releases folder, readable by its owner only (0600), never in a release folder, a
 * journal or a bundle. The journal records only that a literal was added: a salted
 * sha256 and its length (the salt lives in this file, so the hash cannot be tested
 * against guesses by someone who has only the journal).
 */
export const LITERALS_FILE = 'redaction-literals.json';

const literalsSchema = z.object({
  format: z.literal(1),
  salt: z.string().regex(/^[0-9a-f]{32,128}$/),
  literals: z.array(z.object({ value: z.string().min(RedactionLimits.MinLiteralLength), addedAt: z.string() })),
});

type LiteralsDocument = z.infer<typeof literalsSchema>;

/** The literals file of a workspace. */
export function literalsFileOf(workspaceDir: string): string {
  return join(workspaceDir, LITERALS_FILE);
}

/** The workspace a release folder belongs to (`<workspace>/releases/<slug>`), or null for a folder elsewhere. */
export function workspaceOfRelease(releaseDir: string): string | null {
  const parent = dirname(releaseDir);
  return basename(parent) === 'releases' ? dirname(parent) : null;
}

function parse(file: string, text: string): LiteralsDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new WarRoomError('corrupt', `${file} is not valid JSON (${(error as Error).message}); fix it or move it aside, so that your literals stay masked.`, [
      { file },
    ]);
  }
  const parsed = literalsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WarRoomError('corrupt', `${file}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is invalid'}; fix it or move it aside.`, [{ file }]);
  }
  return parsed.data;
}

/**
 * The workspace's literals (empty when it has none). Synchronous: a terminal is opened
 * with them. A file readable by others is narrowed back to 0600 on the way.
 */
export function readWorkspaceLiterals(workspaceDir: string | null): readonly string[] {
  if (workspaceDir === null) return [];
  const file = literalsFileOf(workspaceDir);
  if (!existsSync(file)) return [];
  try {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return parse(file, readFileSync(file, 'utf8')).literals.map((literal) => literal.value);
  } catch (error) {
    if (error instanceof WarRoomError) throw error;
    throw ioError('read the redaction literals', file, error);
  }
}

/** The salted hash the journal keeps of a literal. */
export function literalHash(salt: string, literal: string): string {
  return createHash('sha256').update(salt).update('\0').update(literal).digest('hex');
}

/**
 * Add literals to the workspace's file (created 0600, replaced atomically and fsync'd)
 * and return what the journal may keep of each: its salted hash and length. A literal
 * already in the file is returned again, not added twice.
 */
export async function addWorkspaceLiterals(workspaceDir: string, literals: readonly string[], at = new Date()): Promise<LiteralRecord[]> {
  const file = literalsFileOf(workspaceDir);
  let document: LiteralsDocument;
  try {
    document = existsSync(file) ? parse(file, readFileSync(file, 'utf8')) : { format: 1, salt: randomBytes(16).toString('hex'), literals: [] };
  } catch (error) {
    if (error instanceof WarRoomError) throw error;
    throw ioError('read the redaction literals', file, error);
  }
  const known = new Set(document.literals.map((literal) => literal.value));
  const records: LiteralRecord[] = [];
  for (const literal of literals) {
    if (!known.has(literal)) {
      known.add(literal);
      document = { ...document, literals: [...document.literals, { value: literal, addedAt: at.toISOString() }] };
    }
    records.push({ sha256: literalHash(document.salt, literal), length: literal.length });
  }
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify(document, null, 2) + '\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, 0o600);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw ioError('write the redaction literals', file, error);
  }
  return records;
}
