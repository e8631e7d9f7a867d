import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { replaceDurably } from '../support/durable-files';
import { WarRoomError, ioError, isErrno } from '../../../contract/domain/errors';
import { DEFAULT_SLA_SETTINGS, slaSettingsSchema, type SlaSettings } from '../../../contract/domain/hypercare/sla-settings';

/** Where a workspace keeps its SLA targets: beside workspace.json, one small document. */
export function slaSettingsFile(workspaceDir: string): string {
  return join(workspaceDir, 'hypercare-sla.json');
}

/**
 * Read the workspace's SLA settings; the defaults when the file does not exist. A file
 * that does not parse is named and never overwritten by a read.
 */
export async function readSlaSettings(workspaceDir: string): Promise<SlaSettings> {
  const file = slaSettingsFile(workspaceDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return DEFAULT_SLA_SETTINGS;
    throw ioError('read the SLA settings', file, error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new WarRoomError('corrupt', `${file} is not JSON: ${(error as Error).message}`, [{ file }]);
  }
  const parsed = slaSettingsSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new WarRoomError('corrupt', `${file}: ${first.path.join('.') || '(root)'} ${first.message}`, [{ file, field: first.path.join('.') }]);
  }
  return parsed.data;
}

/** Write the SLA settings durably (fsync, rename). */
export async function writeSlaSettings(workspaceDir: string, settings: SlaSettings): Promise<void> {
  const file = slaSettingsFile(workspaceDir);
  try {
    await replaceDurably(file, `${JSON.stringify(slaSettingsSchema.parse(settings), null, 2)}\n`);
  } catch (error) {
    if (error instanceof WarRoomError) throw error;
    throw ioError('write the SLA settings', file, error);
  }
}
