import { chmod, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { replaceDurably } from '../support/durable-files';
import { WarRoomError, ioError, isErrno } from '../../../contract/domain/errors';
import { channelsSchema, type Channel } from '../../../contract/domain/comms/comms-schemas';

/** The workspace's channels (webhook URLs, SMTP credentials): beside workspace.json, readable by its owner only. */
export function channelsFile(workspaceDir: string): string {
  return join(workspaceDir, 'comms-channels.json');
}

/** Read the channels; none when the file does not exist. A file that does not parse is named, never overwritten by a read. */
export async function readChannels(workspaceDir: string): Promise<Channel[]> {
  const file = channelsFile(workspaceDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return [];
    throw ioError('read the channels', file, error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new WarRoomError('corrupt', `${file} is not JSON: ${(error as Error).message}`, [{ file }]);
  }
  const parsed = channelsSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new WarRoomError('corrupt', `${file}: ${first.path.join('.') || '(root)'} ${first.message}`, [{ file, field: first.path.join('.') }]);
  }
  return parsed.data;
}

export async function writeChannels(workspaceDir: string, channels: readonly Channel[]): Promise<void> {
  const file = channelsFile(workspaceDir);
  try {
    await replaceDurably(file, `${JSON.stringify(channelsSchema.parse(channels), null, 2)}\n`);
    await chmod(file, 0o600);
  } catch (error) {
    if (error instanceof WarRoomError) throw error;
    throw ioError('write the channels', file, error);
  }
}
