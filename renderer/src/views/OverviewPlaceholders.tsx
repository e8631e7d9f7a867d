import type { ReleaseMetaState } from '../../../contract/models';

/** Targets of the release: where terminals open and commands run. */
export function TargetsList({ meta }: { meta: ReleaseMetaState }) {
  if (meta.targets.length === 0) return <p className="empty">This release has no targets yet.</p>;
  return (
    <ul className="target-list">
      {meta.targets.map((target) => (
        <li key={target.id} className={`target target-${target.environment}`}>
          <span className={`env-badge env-${target.environment}`}>{target.environment}</span>
          <strong>{target.name}</strong>
          <code>{[target.command, ...target.args].join(' ')}</code>
        </li>
      ))}
    </ul>
  );
}
