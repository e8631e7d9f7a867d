import { randomBytes } from 'node:crypto';
import type { Release } from '../core/release/release';
import { readChannels } from '../core/comms/channels-file';
import { createSenders } from '../core/comms/channel-senders';
import type { Channel } from '../../contract/domain/comms/comms-schemas';
import { Outbox } from '../core/comms/outbox';

/**
 * Status updates behind the contract: the workspace's channels (re-read from
 * comms-channels.json when asked, so an edited file takes effect without a restart) and
 * one outbox per open release, started when the release opens so a restart resumes it.
 */
export class CommsService {
  private channelList: readonly Channel[] = [];
  private readonly outboxes = new Map<Release, Outbox>();
  private readonly senders = createSenders();

  constructor(
    private readonly workspaceDir: string,
    private readonly actor: string,
  ) {}

  /** Read the channels file again; a broken file is an error naming it (the last good list stays in use). */
  async channels(): Promise<readonly Channel[]> {
    this.channelList = await readChannels(this.workspaceDir);
    for (const outbox of this.outboxes.values()) outbox.pump();
    return this.channelList;
  }

  /** The outbox of a release, started on first use. */
  async outbox(release: Release): Promise<Outbox> {
    let outbox = this.outboxes.get(release);
    if (!outbox) {
      await this.channels().catch((error: unknown) => console.error('warroom: channels', error));
      outbox = new Outbox(release, { channels: () => this.channelList, send: this.senders.send, actor: this.actor });
      this.outboxes.set(release, outbox);
      outbox.pump();
    }
    return outbox;
  }

  /** A fresh idempotency key for an update of a release: readable, and unique across workspaces. */
  newKey(slug: string, messageId: string): string {
    return `wr-${slug}-${messageId}-${randomBytes(6).toString('hex')}`;
  }

  dispose(): void {
    for (const outbox of this.outboxes.values()) outbox.dispose();
    this.outboxes.clear();
    this.senders.close();
  }
}
