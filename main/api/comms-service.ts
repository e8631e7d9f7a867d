import { randomBytes } from 'node:crypto';
import type { Release } from '../core/release/release';
import { readChannels, writeChannels } from '../core/comms/channels-file';
import { mergeChannels, secretsOf } from '../core/comms/channel-settings';
import { AutoSender } from '../core/comms/auto-send';
import { addWorkspaceLiterals } from '../core/redaction/workspace-literals';
import { createSenders } from '../core/comms/channel-senders';
import type { Channel, ChannelInput } from '../../contract/domain/comms/comms-schemas';
import { Outbox } from '../core/comms/outbox';

/**
 * Status updates behind the contract: the workspace's channels (re-read from
 * comms-channels.json when asked, so an edited file takes effect without a restart) and
 * one outbox per open release, started when the release opens so a restart resumes it.
 */
export class CommsService {
  private channelList: readonly Channel[] = [];
  private readonly outboxes = new Map<Release, Outbox>();
  private readonly autoSenders = new Map<Release, AutoSender>();
  private readonly senders = createSenders();

  constructor(
    private readonly workspaceDir: string,
    private readonly actor: string,
  ) {}

  /** Read the channels file again; a broken file is an error naming it (the last good list stays in use). */
  async channels(): Promise<readonly Channel[]> {
    this.channelList = await readChannels(this.workspaceDir);
    for (const outbox of this.outboxes.values()) outbox.pump();
    for (const sender of this.autoSenders.values()) void sender.check();
    return this.channelList;
  }

  /**
   * Save the channels from the settings form. Secrets left out keep the stored ones; every
   * secret is added to the workspace's redaction literals first, so from the moment it is
   * stored no report, bundle, terminal or status update shows it in clear.
   */
  async save(input: readonly ChannelInput[], now: string): Promise<readonly Channel[]> {
    const merged = mergeChannels(await readChannels(this.workspaceDir), input, now);
    const secrets = merged.flatMap(secretsOf);
    if (secrets.length > 0) await addWorkspaceLiterals(this.workspaceDir, secrets);
    await writeChannels(this.workspaceDir, merged);
    return this.channels();
  }

  /** The outbox of a release, started on first use. */
  async outbox(release: Release): Promise<Outbox> {
    let outbox = this.outboxes.get(release);
    if (!outbox) {
      await this.channels().catch((error: unknown) => console.error('warroom: channels', error));
      outbox = new Outbox(release, { channels: () => this.channelList, send: this.senders.send, actor: this.actor });
      this.outboxes.set(release, outbox);
      outbox.pump();
      // Moments whose template a channel opted in to are approved by themselves (and those missed while closed, now).
      const sender = new AutoSender(release, {
        channels: () => this.channelList,
        actor: this.actor,
        newKey: (messageId) => this.newKey(release.slug, messageId),
      });
      this.autoSenders.set(release, sender);
      void sender.check();
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
    for (const sender of this.autoSenders.values()) sender.dispose();
    this.autoSenders.clear();
    this.senders.close();
  }
}
