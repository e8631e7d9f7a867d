import { Document } from 'yaml';
import { z } from 'zod';
import { WarRoomError } from '../../../contract/domain/errors';
import { normaliseDue } from '../../../contract/domain/checklist/due-offset';
import { checklistFieldSchemas, checklistIdSchema, dueSchema, ownerSchema } from '../../../contract/domain/checklist/checklist-schemas';
import type { ChecklistState, ItemOwner } from '../../../contract/domain/checklist/checklist-model';
import { parseYamlWithSchema } from './yaml-locations';
import { formatDuration, parseDuration } from '../playbooks/duration';
import type { PlanState } from '../../../contract/domain/plan/plan-model';
import { findTemplateCycle } from '../plan/template-plan';

/**
 * Checklist templates: YAML files a team keeps and shares (import and export).
 *
 * Why YAML and a strict schema: templates are edited by hand and reviewed in pull
 * requests; unknown keys are refused (a typo like 'requried' must not silently drop the
 * flag), and every error names the file, line and column. Exporting a checklist writes
 * the same format, so a release's checklist can become next release's template.
 *
 * Format:
 *   name: Go-live
 *   description: optional text
 *   version: 1
 *   phases:
 *     - id: preparation          # optional; derived from the title when absent
 *       title: Preparation
 *       items:
 *         - id: rollback-rehearsed # optional
 *           title: Rollback plan rehearsed
 *           detail: markdown text  # optional
 *           owner: { role: Release manager, person: Ana }  # optional
 *           due: T-2d              # optional, relative to T-0
 *           required: true         # optional, false when absent
 *           duration: 30m          # optional, the planned duration (see main/core/plan)
 *           dependsOn: [backup]    # optional, ids of items of this template it waits for
 */
export const TEMPLATE_FORMAT_VERSION = 1;

const templateItemSchema = z.strictObject({
  id: checklistIdSchema.optional(),
  title: checklistFieldSchemas.title,
  detail: checklistFieldSchemas.detail.optional(),
  owner: ownerSchema.optional(),
  due: dueSchema.optional(),
  required: z.boolean().optional(),
  duration: z
    .string()
    .refine((text) => parseDuration(text) !== undefined, 'must be a duration like 30m, 1h30m or 45s')
    .optional(),
  dependsOn: z.array(checklistIdSchema).max(100).optional(),
});

const templatePhaseSchema = z.strictObject({
  id: checklistIdSchema.optional(),
  title: checklistFieldSchemas.title,
  items: z.array(templateItemSchema).max(5_000).default([]),
});

/** The schema of a template file. */
export const checklistTemplateSchema = z
  .strictObject({
    name: checklistFieldSchemas.title,
    description: z.string().max(5_000).optional(),
    version: z.literal(TEMPLATE_FORMAT_VERSION, `must be ${TEMPLATE_FORMAT_VERSION} (the template format this War Room reads)`),
    phases: z.array(templatePhaseSchema).min(1, 'a template needs at least one phase').max(100),
  })
  .superRefine((template, context) => {
    const phaseTitles = new Map<string, number>();
    const itemIds = new Set<string>();
    template.phases.forEach((phase, phaseIndex) => {
      const key = phase.title.toLowerCase();
      if (phaseTitles.has(key)) context.addIssue({ code: 'custom', path: ['phases', phaseIndex, 'title'], message: `phase '${phase.title}' appears twice` });
      phaseTitles.set(key, phaseIndex);
      phase.items.forEach((item, itemIndex) => {
        if (item.id === undefined) return;
        if (itemIds.has(item.id))
          context.addIssue({ code: 'custom', path: ['phases', phaseIndex, 'items', itemIndex, 'id'], message: `item id '${item.id}' appears twice` });
        itemIds.add(item.id);
      });
    });
    const waits: { id: string; title: string; dependsOn: readonly string[]; path: (string | number)[] }[] = [];
    template.phases.forEach((phase, phaseIndex) =>
      phase.items.forEach((item, itemIndex) => {
        (item.dependsOn ?? []).forEach((dependency, dependencyIndex) => {
          if (!itemIds.has(dependency))
            context.addIssue({
              code: 'custom',
              path: ['phases', phaseIndex, 'items', itemIndex, 'dependsOn', dependencyIndex],
              message: `'${dependency}' is not the id of an item of this template`,
            });
        });
        if (item.id !== undefined)
          waits.push({ id: item.id, title: item.title, dependsOn: item.dependsOn ?? [], path: ['phases', phaseIndex, 'items', itemIndex, 'dependsOn'] });
      }),
    );
    const cycle = findTemplateCycle(waits);
    if (cycle)
      context.addIssue({ code: 'custom', path: cycle.path, message: `the dependencies make a cycle: ${cycle.titles.join(' -> ')} (each waits for the next)` });
  });

export type ChecklistTemplate = z.output<typeof checklistTemplateSchema>;
export type TemplatePhase = ChecklistTemplate['phases'][number];
export type TemplateItem = TemplatePhase['items'][number];

/** Parse and validate template YAML; throws WarRoomError('invalid-input') with file, line and column. */
export function parseChecklistTemplate(source: string, file: string): ChecklistTemplate {
  const template = parseYamlWithSchema(source, file, checklistTemplateSchema, 'Checklist template');
  return {
    ...template,
    phases: template.phases.map((phase) => ({
      ...phase,
      items: phase.items.map((item) => (item.due === undefined ? item : { ...item, due: normaliseDue(item.due) })),
    })),
  };
}

/** A checklist as a template: structure, owners, due offsets, durations and dependencies, without statuses or evidence. */
export function checklistToTemplate(state: ChecklistState, name: string, description?: string, plan?: PlanState): ChecklistTemplate {
  if (state.phases.length === 0) throw new WarRoomError('invalid-input', 'The checklist has no phases to export: add a phase or apply a template first.');
  const phases: TemplatePhase[] = state.phases.map((phase) => ({
    id: phase.id,
    title: phase.title,
    items: phase.itemIds.flatMap((itemId) => {
      const item = state.items[itemId];
      if (item === undefined) return [];
      const exported: TemplateItem = { id: item.id, title: item.title, required: item.required };
      return [
        {
          ...exported,
          ...(item.detail === '' ? {} : { detail: item.detail }),
          ...(hasOwner(item.owner) ? { owner: cleanOwner(item.owner) } : {}),
          ...(item.due === null ? {} : { due: item.due }),
          ...templatePlanFields(plan, item.id),
        },
      ];
    }),
  }));
  return { name, ...(description === undefined ? {} : { description }), version: TEMPLATE_FORMAT_VERSION, phases };
}

/** The duration and the item dependencies of an item in the plan, as a template writes them. */
function templatePlanFields(plan: PlanState | undefined, itemId: string): Pick<TemplateItem, 'duration' | 'dependsOn'> {
  const entry = plan && Object.hasOwn(plan.entries, `item:${itemId}`) ? plan.entries[`item:${itemId}`] : undefined;
  if (!entry) return {};
  const dependsOn = entry.dependsOn.filter((id) => id.startsWith('item:')).map((id) => id.slice('item:'.length));
  return { ...(entry.plannedMs === null ? {} : { duration: formatDuration(entry.plannedMs) }), ...(dependsOn.length > 0 ? { dependsOn } : {}) };
}

function hasOwner(owner: ItemOwner): boolean {
  return owner.role !== undefined || owner.person !== undefined;
}

function cleanOwner(owner: ItemOwner): ItemOwner {
  return { ...(owner.role === undefined ? {} : { role: owner.role }), ...(owner.person === undefined ? {} : { person: owner.person }) };
}

/** Write a template as YAML in the same format parseChecklistTemplate reads (keys in a stable order). */
export function formatChecklistTemplate(template: ChecklistTemplate): string {
  const plain = {
    name: template.name,
    ...(template.description === undefined ? {} : { description: template.description }),
    version: template.version,
    phases: template.phases.map((phase) => ({
      ...(phase.id === undefined ? {} : { id: phase.id }),
      title: phase.title,
      items: phase.items.map((item) => ({
        ...(item.id === undefined ? {} : { id: item.id }),
        title: item.title,
        ...(item.owner === undefined ? {} : { owner: cleanOwner(item.owner) }),
        ...(item.due === undefined ? {} : { due: item.due }),
        ...(item.required === undefined ? {} : { required: item.required }),
        ...(item.duration === undefined ? {} : { duration: item.duration }),
        ...(item.dependsOn === undefined ? {} : { dependsOn: item.dependsOn }),
        ...(item.detail === undefined ? {} : { detail: item.detail }),
      })),
    })),
  };
  return new Document(plain).toString({ lineWidth: 0, blockQuote: 'literal' });
}
