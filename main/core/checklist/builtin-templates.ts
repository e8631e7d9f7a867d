/**
 * The checklist templates shipped with War Room (assets/templates/*.yaml), offered when a
 * release is created.
 *
 * Why here and not in the renderer: the renderer cannot read files; the list is read from the
 * assets folder on each request (two small files), so a template added to assets/ is offered
 * without a code change, and a broken one is reported by name instead of breaking the dialog.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { WarRoomError } from '../../../contract/domain/errors';
import { parseChecklistTemplate } from './checklist-template';

/** A built-in template as the new-release dialog shows it. */
export interface BuiltinTemplate {
  /** The file name without .yaml: what release.create takes. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly phases: number;
  readonly items: number;
}

/** The id of a built-in template: a file name in assets/templates, nothing that could climb out of it. */
export const BUILTIN_TEMPLATE_ID = /^[a-z0-9][a-z0-9-]{0,60}$/;

function templatesDir(assetsDir: string): string {
  return join(assetsDir, 'templates');
}

/** Every readable built-in template, in file-name order, the go-live template first. */
export async function listBuiltinTemplates(assetsDir: string): Promise<BuiltinTemplate[]> {
  const names = (await readdir(templatesDir(assetsDir)).catch(() => [] as string[])).filter((name) => name.endsWith('.yaml')).sort();
  const templates: BuiltinTemplate[] = [];
  for (const name of names) {
    const id = name.slice(0, -'.yaml'.length);
    if (!BUILTIN_TEMPLATE_ID.test(id)) continue;
    const { template } = await readBuiltinTemplate(assetsDir, id);
    templates.push({
      id,
      name: template.name,
      description: (template.description ?? '').trim(),
      phases: template.phases.length,
      items: template.phases.reduce((sum, phase) => sum + phase.items.length, 0),
    });
  }
  return templates.sort((a, b) => Number(b.id === 'go-live') - Number(a.id === 'go-live'));
}

/** A built-in template's file name, YAML text and parsed form; a not-found error names the ones there are. */
export async function readBuiltinTemplate(assetsDir: string, id: string) {
  const file = `${id}.yaml`;
  let source: string;
  try {
    if (!BUILTIN_TEMPLATE_ID.test(id)) throw new Error('not an id');
    source = await readFile(join(templatesDir(assetsDir), file), 'utf8');
  } catch {
    const known = (await readdir(templatesDir(assetsDir)).catch(() => [] as string[]))
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => name.slice(0, -5));
    throw new WarRoomError('not-found', `There is no built-in checklist template '${id}'; the built-in ones are: ${known.join(', ') || 'none'}.`, [
      { field: 'template' },
    ]);
  }
  return { file, source, template: parseChecklistTemplate(source, file) };
}
