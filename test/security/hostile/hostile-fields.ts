// Every user-editable field that exists, and how to put a string into it through the
// domain (the same commands the contract runs). To cover a new field, add an entry.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Release } from '../../../main/core/release/release';
import { applyTemplate } from '../../../main/core/checklist/checklist-commands';
import { openPoll } from '../../../main/core/go-no-go/poll-commands';
import { addRisk } from '../../../main/core/risks/risks-commands';

export interface HostileField {
  /** Where the string lands, as a person would name it. */
  readonly name: string;
  /** Put these strings into the field of the release (one item per string where it is a list). */
  place(release: Release, payloads: readonly string[]): Promise<void>;
}

const actor = 'hostile<img src=x onerror=alert("xss-actor")>';
const quoted = (text: string): string => JSON.stringify(text);

/** Fields set when the release is created (name, version, description) are in `hostileDefinition`. */
export const hostileFields: readonly HostileField[] = [
  {
    name: 'timeline notes',
    async place(release, payloads) {
      for (const text of payloads) await release.execute(actor, () => [{ type: 'note.added', data: { kind: 'note', text } }]);
    },
  },
  {
    name: 'target name',
    async place(release, payloads) {
      await release.execute(actor, () => [
        {
          type: 'target.saved',
          data: { id: 'hostile', name: payloads[0]!.slice(0, 120), environment: 'production', command: '/bin/sh', args: [], env: {}, color: '#ff0000' },
        },
      ]);
    },
  },
  {
    name: 'checklist phase and item titles, details, owners',
    async place(release, payloads) {
      const items = payloads.map(
        (payload, index) =>
          `      - id: item-${index}\n        title: ${quoted(payload.slice(0, 200))}\n        owner: { role: ${quoted(payload.slice(0, 60))} }\n        due: T-1h\n        detail: ${quoted(payload)}`,
      );
      const source = `name: ${quoted(payloads[0]!)}\nversion: 1\nphases:\n  - id: hostile\n    title: ${quoted(payloads[1]!)}\n    items:\n${items.join('\n')}\n`;
      await release.execute(actor, (state, context) => applyTemplate(state.checklist, { file: 'hostile.yaml', source, mode: 'append' }, context));
    },
  },
  {
    name: 'go/no-go participants',
    async place(release, payloads) {
      await release.execute(actor, (state, context) =>
        openPoll(
          state.poll,
          {
            participants: payloads
              .slice(0, 6)
              .map((payload, index) => ({ name: `${payload.slice(0, 70)} ${index}`, role: payload.slice(0, 60), required: index === 0 })),
          },
          context,
        ),
      );
    },
  },
  {
    name: 'risk title, description, owner, trigger, mitigation, plan B',
    async place(release, payloads) {
      for (const payload of payloads) {
        const short = payload.slice(0, 120);
        await release.execute(actor, (state, context) =>
          addRisk(
            state.risks,
            {
              title: short,
              description: payload,
              category: 'technical',
              likelihood: 3,
              impact: 4,
              owner: short.slice(0, 80),
              trigger: payload,
              mitigation: payload,
              contingency: { plan: payload, playbook: null, step: null },
            },
            context,
          ),
        );
      }
    },
  },
  {
    name: 'playbook names, step names and commands (files in the release)',
    async place(release, payloads) {
      await mkdir(release.paths.playbooks, { recursive: true });
      const steps = payloads.map((payload, index) => `  - name: ${quoted(payload.slice(0, 100))}\n    run: ${quoted(`echo ${index} ${payload}`)}`);
      await writeFile(
        join(release.paths.playbooks, 'hostile.yaml'),
        `name: ${quoted(payloads[0]!)}\ndescription: ${quoted(payloads.join(' '))}\nsteps:\n${steps.join('\n')}\n`,
      );
    },
  },
  {
    name: 'terminal output (a recording)',
    async place(release, payloads) {
      await mkdir(release.paths.recordings, { recursive: true });
      const lines = [
        JSON.stringify({ version: 2, width: 80, height: 24, timestamp: 1767225600, title: payloads[0] }),
        ...payloads.map((payload, index) => JSON.stringify([index / 10, 'o', `${payload}\r\n`])),
      ];
      await writeFile(join(release.paths.recordings, 'hostile.cast'), `${lines.join('\n')}\n`);
    },
  },
];
