import type { Release } from '../core/release/release';
import { SlaWatcher } from '../core/hypercare/sla-watcher';
import { DEFAULT_SLA_SETTINGS, type SlaSettings } from '../../contract/domain/hypercare/sla-settings';
import { readSlaSettings, slaSettingsFile, writeSlaSettings } from '../core/hypercare/sla-settings-file';
import { moveAside } from '../core/support/durable-files';

/**
 * Hypercare behind the contract: the workspace's SLA settings (read once, kept in
 * memory) and one SLA watcher per open release, which journals breaches as they fall.
 */
export class HypercareService {
  private settingsValue: SlaSettings = DEFAULT_SLA_SETTINGS;
  private loaded: Promise<void> | null = null;
  /** Set when the settings file could not be read: it is moved aside before a save writes over it. */
  private broken = false;
  private readonly watchers = new Map<Release, SlaWatcher>();

  constructor(
    private readonly workspaceDir: string,
    private readonly actor: string,
    private readonly warn: (message: string) => void,
  ) {}

  /** The SLA settings in force (defaults until the file is read, and when it cannot be). */
  settings(): SlaSettings {
    return this.settingsValue;
  }

  load(): Promise<void> {
    this.loaded ??= readSlaSettings(this.workspaceDir).then(
      (settings) => {
        this.settingsValue = settings;
      },
      (error: unknown) => {
        this.broken = true;
        this.warn(`${error instanceof Error ? error.message : String(error)}. SLA clocks use the default targets until the settings are saved again.`);
      },
    );
    return this.loaded;
  }

  async save(settings: SlaSettings): Promise<SlaSettings> {
    await this.load();
    if (this.broken) {
      await moveAside(slaSettingsFile(this.workspaceDir)).catch(() => undefined);
      this.broken = false;
    }
    await writeSlaSettings(this.workspaceDir, settings);
    this.settingsValue = settings;
    for (const watcher of this.watchers.values()) void watcher.check();
    return settings;
  }

  /** Start the SLA watcher of a release (once); its first check records breaches that fell while the app was closed. */
  async watch(release: Release): Promise<void> {
    if (this.watchers.has(release)) return;
    await this.load();
    const watcher = new SlaWatcher(release, () => this.settingsValue, this.actor);
    this.watchers.set(release, watcher);
    await watcher.check();
  }

  dispose(): void {
    for (const watcher of this.watchers.values()) watcher.dispose();
    this.watchers.clear();
  }
}
