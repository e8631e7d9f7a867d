/**
 * The playbook files of a release: list them (each parsed or with its precise errors),
 * read one for a run, and import a new one atomically.
 *
 * Why parse on every listing: the files are the operator's (they copy runbooks in from a
 * repository); nothing is cached that a text editor could make stale.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { replaceDurably } from '../../core/support/durable-files';
import { join } from 'node:path';
import type { PlaybookListing } from '../../../contract/requests/playbook-requests';
import type { Playbook } from '../../../contract/domain/playbooks/playbook-model';
import { parseMarkdownRunbook } from '../../core/playbooks/markdown-runbook-parser';
import { parseYamlPlaybook } from '../../core/playbooks/yaml-playbook-parser';
import { WarRoomError, ioError, isErrno } from '../../../contract/domain/errors';
import { readRequirements } from './playbook-requirements';

const PLAYBOOK_FILE = /\.(ya?ml|md)$/i;

/** Which parser a file name calls for. */
export function formatOf(file: string): 'yaml' | 'markdown' {
  return /\.md$/i.test(file) ? 'markdown' : 'yaml';
}

/** Parse a playbook text; throws the parser's WarRoomError (file, line, column, rule). */
export function parsePlaybook(text: string, file: string): Playbook {
  const format = formatOf(file);
  const playbook = format === 'markdown' ? parseMarkdownRunbook(text, file) : parseYamlPlaybook(text, file);
  const requires = readRequirements(text, format, file);
  return requires.length > 0 ? { ...playbook, requires } : playbook;
}

/** Every playbook file of the folder, sorted by name, each parsed or with its errors. */
export async function listPlaybooks(folder: string): Promise<PlaybookListing[]> {
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => PLAYBOOK_FILE.test(name)).sort();
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return [];
    throw ioError('list the playbooks in', folder, error);
  }
  const listings: PlaybookListing[] = [];
  for (const file of names) {
    try {
      const text = await readFile(join(folder, file), 'utf8');
      listings.push(listing(file, text));
    } catch (error) {
      listings.push({
        file,
        format: formatOf(file),
        playbook: null,
        error: { message: ioError('read', join(folder, file), error).message, locations: [{ file }] },
      });
    }
  }
  return listings;
}

/** Read and parse one playbook of the folder; refuses one that does not validate. */
export async function loadPlaybook(folder: string, file: string): Promise<Playbook> {
  if (!PLAYBOOK_FILE.test(file) || file.includes('/') || file.includes('\\') || file.startsWith('.')) {
    throw new WarRoomError('invalid-input', `${JSON.stringify(file)} is not a playbook file name.`, [{ field: 'playbookFile' }]);
  }
  let text: string;
  try {
    text = await readFile(join(folder, file), 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) throw new WarRoomError('not-found', `There is no playbook ${file} in ${folder}.`, [{ file }]);
    throw ioError('read', join(folder, file), error);
  }
  return parsePlaybook(text, file);
}

/**
 * Validate a playbook text and write it into the folder (temp file, fsync, rename).
 * Nothing is written when it does not validate or when the name is taken (unless `overwrite`).
 */
export async function importPlaybook(folder: string, file: string, text: string, overwrite: boolean): Promise<PlaybookListing> {
  const parsed = listing(file, text);
  if (parsed.error) throw new WarRoomError('invalid-input', parsed.error.message, parsed.error.locations);
  const target = join(folder, file);
  if (!overwrite) {
    const exists = await stat(target).then(
      () => true,
      (error: unknown) => (isErrno(error, 'ENOENT') ? false : Promise.reject(ioError('check', target, error))),
    );
    if (exists)
      throw new WarRoomError('conflict', `A playbook named ${file} already exists in this release; choose another name or replace it.`, [
        { file, field: 'fileName' },
      ]);
  }
  try {
    await replaceDurably(target, text);
  } catch (error) {
    throw ioError('write the playbook', target, error);
  }
  return parsed;
}

function listing(file: string, text: string): PlaybookListing {
  try {
    return { file, format: formatOf(file), playbook: parsePlaybook(text, file), error: null };
  } catch (error) {
    if (error instanceof WarRoomError)
      return {
        file,
        format: formatOf(file),
        playbook: null,
        error: { message: error.message, locations: error.locations.length > 0 ? error.locations : [{ file }] },
      };
    return {
      file,
      format: formatOf(file),
      playbook: null,
      error: { message: `playbook ${file}: ${error instanceof Error ? error.message : String(error)}`, locations: [{ file }] },
    };
  }
}
