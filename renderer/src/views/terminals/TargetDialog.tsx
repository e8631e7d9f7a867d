import { useState } from 'react';
import type { EnvironmentClass, Target } from '../../../../contract/models';
import { client } from '../../client/warroom-client';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';

/** "KEY=value" lines into a record; a line without "=" is reported by its number. */
function parseEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const equals = line.indexOf('=');
    if (equals <= 0) throw new Error(`Environment line ${index + 1} must look like KUBECONFIG=/path/to/config.`);
    env[line.slice(0, equals).trim()] = line.slice(equals + 1);
  });
  return env;
}

/**
 * Add or edit a target of the release: environment, command, arguments, folder,
 * variables, colour, guard; and, when asked, keep it in the workspace library too.
 */
export function TargetDialog({ slug, target, inLibrary, onClose }: { slug: string; target: Target | null; inLibrary: boolean; onClose: () => void }) {
  const [id, setId] = useState(target?.id ?? '');
  const [name, setName] = useState(target?.name ?? '');
  const [environment, setEnvironment] = useState<EnvironmentClass>(target?.environment ?? 'staging');
  const [command, setCommand] = useState(target?.command ?? '/bin/bash');
  const [args, setArgs] = useState((target?.args ?? []).join('\n'));
  const [cwd, setCwd] = useState(target?.cwd ?? '');
  const [env, setEnv] = useState(
    Object.entries(target?.env ?? {})
      .map(([key, value]) => `${key}=${value}`)
      .join('\n'),
  );
  const [color, setColor] = useState(target?.color ?? '#5aa9ff');
  const [guard, setGuard] = useState<'default' | 'on' | 'off'>(
    target?.confirmFirstKeystroke === undefined ? 'default' : target.confirmFirstKeystroke ? 'on' : 'off',
  );
  const [keepInLibrary, setKeepInLibrary] = useState(inLibrary);
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    let parsedEnv: Record<string, string>;
    try {
      parsedEnv = parseEnv(env);
    } catch (failure) {
      setError((failure as Error).message);
      return;
    }
    const saved: Target = {
      id,
      name,
      environment,
      command,
      args: args.split('\n').filter((arg) => arg !== ''),
      env: parsedEnv,
      color,
      ...(cwd.trim() === '' ? {} : { cwd: cwd.trim() }),
      ...(guard === 'default' ? {} : { confirmFirstKeystroke: guard === 'on' }),
    };
    client
      .call('target.save', { slug, target: saved })
      .then(() => (keepInLibrary ? client.call('targetLibrary.save', { target: saved }) : null))
      .then(onClose, (failure: Error) => setError(failure.message));
  };

  return (
    <Dialog title={target ? `Edit target ${target.name}` : 'New target'} onClose={onClose}>
      <form
        className="form target-form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <div className="form-row">
          <label>
            Id
            <input required autoFocus={!target} disabled={target !== null} value={id} onChange={(event) => setId(event.target.value)} placeholder="prod-eu" />
          </label>
          <label>
            Name
            <input required value={name} onChange={(event) => setName(event.target.value)} placeholder="prod-eu" />
          </label>
        </div>
        <div className="form-row">
          <label>
            Environment
            <select data-testid="target-environment" value={environment} onChange={(event) => setEnvironment(event.target.value as EnvironmentClass)}>
              <option value="production">production</option>
              <option value="staging">staging</option>
              <option value="sandbox">sandbox</option>
            </select>
          </label>
          <label>
            Colour
            <input type="color" value={color} onChange={(event) => setColor(event.target.value)} />
          </label>
          <label>
            Confirm first keystroke
            <select value={guard} onChange={(event) => setGuard(event.target.value as typeof guard)}>
              <option value="default">default (production only)</option>
              <option value="on">always ask</option>
              <option value="off">never ask</option>
            </select>
          </label>
        </div>
        <label>
          Command
          <input required value={command} onChange={(event) => setCommand(event.target.value)} placeholder="ssh, kubectl, /bin/bash" />
        </label>
        <label>
          Arguments (one per line)
          <textarea rows={3} value={args} onChange={(event) => setArgs(event.target.value)} placeholder={'--context\nprod-eu'} />
        </label>
        <label>
          Working folder
          <input value={cwd} onChange={(event) => setCwd(event.target.value)} placeholder="your home folder" />
        </label>
        <label>
          Environment variables (KEY=value, one per line)
          <textarea rows={3} value={env} onChange={(event) => setEnv(event.target.value)} placeholder="KUBECONFIG=/home/me/.kube/prod-eu" />
        </label>
        <label className="checkbox">
          <input type="checkbox" data-testid="keep-in-library" checked={keepInLibrary} onChange={(event) => setKeepInLibrary(event.target.checked)} />
          {inLibrary ? 'Update it in the workspace library too' : 'Keep in the workspace library, to add it to other releases'}
        </label>
        <FormError message={error} />
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary">
            Save target
          </button>
        </div>
      </form>
    </Dialog>
  );
}
