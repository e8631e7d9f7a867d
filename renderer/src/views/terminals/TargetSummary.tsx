import type { Target } from '../../../../contract/models';

/** A target at a glance: environment badge, name, and the command that opens it. */
export function TargetSummary({ target }: { target: Target }) {
  return (
    <>
      <div className="target-card-head">
        <span className={`env-badge env-${target.environment}`}>{target.environment}</span>
        <strong className="target-card-name">{target.name}</strong>
      </div>
      <code className="target-card-command">{[target.command, ...target.args].join(' ')}</code>
    </>
  );
}
