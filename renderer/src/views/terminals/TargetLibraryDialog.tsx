import { useState } from 'react';
import type { LibraryTarget, Target } from '../../../../contract/models';
import { client } from '../../client/warroom-client';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { formatInstant, viewerZone } from '../../format/time';
import { TargetSummary } from './TargetSummary';

/** The library entry as a release target: without who saved it to the library. */
function asReleaseTarget({ savedBy: _savedBy, savedAt: _savedAt, ...target }: LibraryTarget): Target {
  return target;
}

/**
 * Add targets kept in the workspace library to this release (each as the release's own
 * copy, journaled), or remove them from the library.
 */
export function TargetLibraryDialog({
  slug,
  library,
  releaseTargets,
  onClose,
}: {
  slug: string;
  library: readonly LibraryTarget[];
  releaseTargets: readonly Target[];
  onClose: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const inRelease = (target: LibraryTarget) => releaseTargets.some((existing) => existing.id === target.id);
  const add = (target: LibraryTarget) => {
    setError(null);
    client.call('target.save', { slug, target: asReleaseTarget(target) }).catch((failure: Error) => setError(failure.message));
  };
  const remove = (target: LibraryTarget) => {
    setError(null);
    client.call('targetLibrary.remove', { id: target.id }).catch((failure: Error) => setError(failure.message));
  };
  return (
    <Dialog title="Targets of the workspace" onClose={onClose} wide>
      <p className="dialog-help">
        Targets saved to the workspace can be added to any release. The release keeps its own copy, so its record shows what was really run.
      </p>
      {library.length === 0 ? (
        <p className="empty">The workspace library is empty: tick “Keep in the workspace library” when you save a target.</p>
      ) : (
        <ul className="target-cards library-cards" data-testid="target-library">
          {library.map((target) => (
            <li
              key={target.id}
              className={`target-card target-env-${target.environment}`}
              style={target.color ? { ['--target-colour' as string]: target.color } : undefined}
            >
              <TargetSummary target={target} />
              {/* What the command runs with, before it is added: a shared library file could carry BASH_ENV or LD_PRELOAD. */}
              {Object.keys(target.env).length > 0 || target.cwd ? (
                <span className="target-card-saved" data-testid={`library-env-${target.id}`}>
                  {Object.keys(target.env).length > 0 ? `env: ${Object.keys(target.env).join(', ')}` : ''}
                  {Object.keys(target.env).length > 0 && target.cwd ? ' · ' : ''}
                  {target.cwd ? `in ${target.cwd}` : ''}
                </span>
              ) : null}
              <span className="target-card-saved">
                saved by {target.savedBy}, {formatInstant(target.savedAt, viewerZone())}
              </span>
              <div className="target-card-actions">
                <button
                  type="button"
                  className="button primary"
                  disabled={inRelease(target)}
                  data-testid={`library-add-${target.id}`}
                  onClick={() => add(target)}
                >
                  {inRelease(target) ? 'In this release' : 'Add to release'}
                </button>
                <button type="button" className="button secondary" onClick={() => remove(target)}>
                  Remove from library
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <FormError message={error} />
      <div className="form-actions">
        <button type="button" className="button secondary" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
