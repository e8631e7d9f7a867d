import { join } from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import type { reportRequests } from '../../../contract/requests/report-requests';
import { addActionItem, openIncident, updateActionItem, updateIncident } from '../../core/incidents/incident-commands';
import { compileRedactionSettings, redactionSettingsSchema } from '../../core/redaction/redaction-schemas';
import { exportBundle, importBundle } from '../../core/report/bundle';
import { addWorkspaceLiterals } from '../../core/redaction/workspace-literals';
import { prepareReport, renderReport, reportFileName, reviewRelease, sha256Hex } from '../../core/report/report-export';
import { REPORT_EVENTS, saveRedactionEvents } from '../../core/report/report-state';
import { ioError } from '../../../contract/domain/errors';
import type { HandlerGroup } from '../handler-types';

/** What the app's refusal of an export of a journal that does not verify tells the operator. */
const APP_BROKEN_HINT =
  'repair it first with `warroom repair <release-dir>` (it keeps the verified part and moves the rest aside), or export a partial copy with `warroom export --allow-broken`.';

export const reportHandlers: HandlerGroup<keyof typeof reportRequests> = {
  'incident.open': async ({ slug, ...input }, services, context) => {
    const release = await services.release(slug);
    const [event] = await release.execute(context.actor, (state, ctx) => openIncident(state.incidents, input, ctx));
    return event!;
  },
  'incident.update': async ({ slug, ...input }, services, context) => {
    const release = await services.release(slug);
    return release.execute(context.actor, (state) => updateIncident(state.incidents, input));
  },
  'action-item.add': async ({ slug, ...input }, services, context) => {
    const release = await services.release(slug);
    const [event] = await release.execute(context.actor, (state) => addActionItem(state.incidents, input));
    return event!;
  },
  'action-item.update': async ({ slug, ...input }, services, context) => {
    const release = await services.release(slug);
    return release.execute(context.actor, (state) => updateActionItem(state.incidents, input));
  },
  'report.preview': async (input, services) => {
    const release = await services.release(input.slug);
    // The preview shows a journal that does not verify with its PARTIAL banner; exports refuse it.
    const prepared = await prepareReport(release.dir, undefined, undefined, { allowBroken: true });
    return { model: prepared.model, review: prepared.review };
  },
  'report.review': async (input, services) => reviewRelease((await services.release(input.slug)).dir),
  'report.redaction-save': async (input, services, context) => {
    const release = await services.release(input.slug);
    compileRedactionSettings(input.settings);
    const settings = redactionSettingsSchema.parse(input.settings);
    // `literals` are the ones to add: their text goes to the workspace's 0600 file, the
    // journal gets a salted hash and the length of each.
    const added = settings.literals.length > 0 ? await addWorkspaceLiterals(services.workspace.dir, settings.literals) : [];
    await release.execute(context.actor, () => saveRedactionEvents(settings.patterns, added));
    return reviewRelease(release.dir);
  },
  'report.finding-allow': async (input, services, context) => {
    const release = await services.release(input.slug);
    await release.execute(context.actor, () => [{ type: REPORT_EVENTS.findingAllowed, data: { fingerprint: input.fingerprint, reason: input.reason } }]);
    return { fingerprint: input.fingerprint };
  },
  'report.export': async (input, services, context) => {
    const release = await services.release(input.slug);
    const prepared = await prepareReport(release.dir, undefined, undefined, { hint: APP_BROKEN_HINT });
    const bytes = await renderReport(prepared, input.format);
    const name = reportFileName(release.slug, input.format);
    const file = join(release.paths.reports, name);
    try {
      await mkdir(release.paths.reports, { recursive: true });
      await writeFile(file, bytes);
    } catch (error) {
      throw ioError('write the report', file, error);
    }
    const sha256 = sha256Hex(bytes);
    await release.execute(context.actor, () => [{ type: REPORT_EVENTS.exported, data: { format: input.format, file: `reports/${name}`, sha256 } }]);
    const buffer = Buffer.from(bytes);
    return {
      file,
      name,
      sha256,
      bytes: bytes.length,
      content: input.format === 'pdf' ? buffer.toString('base64') : buffer.toString('utf8'),
      encoding: input.format === 'pdf' ? 'base64' : 'utf8',
      masked: prepared.model.redactionCount,
      warnings: prepared.warnings,
    };
  },
  'bundle.export': async (input, services, context) => {
    const release = await services.release(input.slug);
    const name = reportFileName(release.slug, 'md')
      .replace(/-report-/, '-bundle-')
      .replace(/\.md$/, '.tar.gz');
    await mkdir(release.paths.reports, { recursive: true });
    const result = await exportBundle(release.dir, release.slug, join(release.paths.reports, name), undefined, { hint: APP_BROKEN_HINT });
    await release.execute(context.actor, () => [{ type: REPORT_EVENTS.exported, data: { format: 'bundle', file: `reports/${name}`, sha256: result.sha256 } }]);
    return result;
  },
  'bundle.import': async (input, services) => {
    const result = await importBundle(input.path, services.workspace.releasesDir);
    services.events.publish({ type: 'releases.changed', payload: {} });
    return { slug: result.slug, events: result.events };
  },
};
