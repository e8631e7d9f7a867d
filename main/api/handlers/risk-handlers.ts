import type { riskRequests, RiskImportResult } from '../../../contract/requests/risk-requests';
import type { Release } from '../../core/release/release';
import type { Risk } from '../../../contract/domain/risks/risk-model';
import { addRisk, closeRisk, deleteRisk, findRisk, updateRisk } from '../../core/risks/risks-commands';
import { transitionRiskWithIncident } from '../../core/incidents/risk-incident';
import { riskHistory } from '../../../contract/domain/risks/risk-history';
import { previewRiskCsv } from '../../core/risks/risk-csv-import';
import { exportRisksCsv, exportRisksJson, previewRiskJson } from '../../core/risks/risk-export';
import { commitCheckedRiskImport } from '../../core/risks/risk-import-commit';
import { RiskImportPreviews } from '../risk-import-previews';
import type { Services } from '../services';
import { goNoGoRisks } from '../../../contract/domain/risks/risks-queries';
import { RISK_EVENT_TYPES, type AppliedRiskEvent } from '../../../contract/domain/risks/risk-events';
import { parseRiskEvent } from '../../../contract/domain/risks/risk-event-schemas';
import type { AppliedEvent } from '../../../contract/domain/release/domain-event';
import type { HandlerGroup } from '../handler-types';

const previews = new WeakMap<Services, RiskImportPreviews>();

/** The import previews waiting for a Confirm, one store per set of services. */
function previewsOf(services: Services): RiskImportPreviews {
  let store = previews.get(services);
  if (!store) {
    store = new RiskImportPreviews();
    previews.set(services, store);
  }
  return store;
}

/** The risk as the committed state has it once the command's events are on disk. */
function committedRisk(release: Release, id: string): Risk {
  return findRisk(release.state.risks, id);
}

/** A file name a download can use: the release's slug, the register, today's date. */
function exportFileName(slug: string, extension: 'csv' | 'json'): string {
  return `${slug}-risks-${new Date().toISOString().slice(0, 10)}.${extension}`;
}

/** The journaled event of `type` among what a command appended, typed; its absence is a bug of the command. */
function journaledRiskEvent<Type extends AppliedRiskEvent['type']>(events: readonly AppliedEvent[], type: Type): Extract<AppliedRiskEvent, { type: Type }> {
  for (const event of events) {
    const typed = parseRiskEvent(event);
    if (typed?.type === type) return typed as Extract<AppliedRiskEvent, { type: Type }>;
  }
  throw new Error(`The command journaled no ${type} event`);
}

/**
 * The risk register over the contract: every change goes through `release.execute`, so
 * it is journaled (fsync'd) before the caller hears it is done.
 */
export const riskHandlers: HandlerGroup<keyof typeof riskRequests> = {
  'risk.add': async ({ slug, ...input }, services, context) => {
    const release = await services.release(slug);
    const added = journaledRiskEvent(await release.execute(context.actor, (state, ctx) => addRisk(state.risks, input, ctx)), RISK_EVENT_TYPES.added);
    return committedRisk(release, added.data.risk.id);
  },
  'risk.update': async ({ slug, ...input }, services, context) => {
    const release = await services.release(slug);
    await release.execute(context.actor, (state, ctx) => updateRisk(state.risks, input, ctx));
    return committedRisk(release, input.id);
  },
  'risk.transition': async ({ slug, ...input }, services, context) => {
    const release = await services.release(slug);
    await release.execute(context.actor, (state, ctx) => transitionRiskWithIncident(state, input, ctx));
    return committedRisk(release, input.id);
  },
  'risk.close': async ({ slug, ...input }, services, context) => {
    const release = await services.release(slug);
    await release.execute(context.actor, (state, ctx) => closeRisk(state.risks, input, ctx));
    return committedRisk(release, input.id);
  },
  'risk.delete': async ({ slug, ...input }, services, context) => {
    const release = await services.release(slug);
    await release.execute(context.actor, (state, ctx) => deleteRisk(state.risks, input, ctx));
    return { id: input.id };
  },
  'risk.history': async ({ slug, id }, services) => {
    const release = await services.release(slug);
    return riskHistory(release.eventsOfKinds(['risk', 'incident']), id);
  },
  'risk.import-preview': async ({ slug, format, text, mapping }, services) => {
    // Opening the release first refuses a preview for a release that does not exist.
    await services.release(slug);
    const preview = format === 'json' ? previewRiskJson(text) : previewRiskCsv(text, mapping);
    return { ...preview, previewId: previewsOf(services).keep(slug, preview) };
  },
  'risk.import-commit': async ({ slug, previewId }, services, context) => {
    const release = await services.release(slug);
    const preview = previewsOf(services).take(slug, previewId);
    const event = journaledRiskEvent(
      await release.execute(context.actor, (state, ctx) => commitCheckedRiskImport(state.risks, preview, ctx)),
      RISK_EVENT_TYPES.imported,
    );
    const data = event.data;
    const result: RiskImportResult = {
      seq: event.seq,
      ids: data.risks.map((risk) => risk.id),
      renumbered: data.renumbered,
      skippedBadRows: data.skippedBadRows,
    };
    return result;
  },
  'risk.export': async ({ slug, format, delimiter }, services) => {
    const release = await services.release(slug);
    if (format === 'json') {
      return { fileName: exportFileName(slug, 'json'), mimeType: 'application/json', text: exportRisksJson(release.state.risks) };
    }
    return { fileName: exportFileName(slug, 'csv'), mimeType: 'text/csv;charset=utf-8', text: exportRisksCsv(release.state.risks, { delimiter }) };
  },
  'risk.go-no-go': async ({ slug }, services) => goNoGoRisks((await services.release(slug)).state.risks),
};
