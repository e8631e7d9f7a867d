import { z } from 'zod';
import { request } from '../define';
import { slugSchema } from './release-requests';
import {
  addEvidenceInputSchema,
  addItemInputSchema,
  addPhaseInputSchema,
  applyTemplateInputSchema,
  changeStatusInputSchema,
  editItemInputSchema,
  moveItemInputSchema,
} from '../domain/checklist/checklist-schemas';
import {
  castVoteInputSchema,
  decideInputSchema,
  openPollInputSchema,
  resetPollInputSchema,
  setCriteriaInputSchema,
  setParticipantsInputSchema,
} from '../domain/go-no-go/poll-schemas';
import type { GateVerdict } from '../domain/go-no-go/poll-model';

/** What a change to the checklist or the poll answers once it is on disk: the journal head after it. */
export interface ChecklistChange {
  /** Sequence number of the last journaled event (unchanged when the request changed nothing). */
  readonly seq: number;
  /** How many events the request journaled (0: nothing to change). */
  readonly events: number;
}

/**
 * Absolute due instants of every item with a due offset. The renderer shows each in the
 * release's zone and in the viewer's (it formats only the rows on screen).
 */
export interface ChecklistDueTimes {
  readonly t0: string;
  /** The release's zone. */
  readonly zone: string;
  /** By item id: the due instant, ISO UTC; items without a due offset are absent. */
  readonly items: Readonly<Record<string, string>>;
}

/** A checklist exported as a template, ready to save as a .yaml file. */
export interface ChecklistExport {
  readonly fileName: string;
  readonly yaml: string;
}

/** A checklist template shipped with War Room, offered when a release is created. */
export interface BuiltinTemplateView {
  /** What release.create's `template` takes. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly phases: number;
  readonly items: number;
}

/** Everything that stands between the room and a GO right now (quorum, checklist, risks, other sources). */
export type GoGates = GateVerdict;

/** Adds the release slug to a command's input schema (strict: unknown keys are refused). */
function forRelease<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) {
  return z.strictObject({ slug: slugSchema, ...schema.shape });
}

/** The checklist and go/no-go requests of the contract. */
export const checklistRequests = {
  'checklist.phase.add': request<ChecklistChange>()(forRelease(addPhaseInputSchema)),
  'checklist.item.add': request<ChecklistChange>()(forRelease(addItemInputSchema)),
  'checklist.item.edit': request<ChecklistChange>()(forRelease(editItemInputSchema)),
  'checklist.item.move': request<ChecklistChange>()(forRelease(moveItemInputSchema)),
  'checklist.item.status': request<ChecklistChange>()(forRelease(changeStatusInputSchema)),
  'checklist.item.evidence': request<ChecklistChange>()(forRelease(addEvidenceInputSchema)),
  /** Apply a template from its YAML text (the renderer reads the file the person picked). */
  'checklist.template.import': request<ChecklistChange>()(forRelease(applyTemplateInputSchema)),
  'checklist.template.export': request<ChecklistExport>()(z.strictObject({ slug: slugSchema, name: z.string().trim().min(1).max(200).optional() })),
  /** The built-in checklist templates (assets/templates), for the new-release dialog. */
  'checklist.templates.builtin': request<readonly BuiltinTemplateView[]>()(z.strictObject({})),
  'checklist.due-times': request<ChecklistDueTimes>()(z.strictObject({ slug: slugSchema })),
  'poll.open': request<ChecklistChange>()(forRelease(openPollInputSchema)),
  'poll.criteria.set': request<ChecklistChange>()(forRelease(setCriteriaInputSchema)),
  'poll.participants.set': request<ChecklistChange>()(forRelease(setParticipantsInputSchema)),
  'poll.vote': request<ChecklistChange>()(forRelease(castVoteInputSchema)),
  'poll.decide': request<ChecklistChange>()(forRelease(decideInputSchema)),
  'poll.reset': request<ChecklistChange>()(forRelease(resetPollInputSchema)),
  'poll.gates': request<GoGates>()(z.strictObject({ slug: slugSchema })),
};
