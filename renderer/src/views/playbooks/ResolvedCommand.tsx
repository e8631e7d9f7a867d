import { parseDescription } from './parse-description';

/** What a step runs (or would run, in a dry run): the command, where, and with which environment. */
export function ResolvedCommand({ description }: { description: string }) {
  const parts = parseDescription(description);
  if (!parts) return <code className="run-step-command">{description}</code>;
  return (
    <div className="resolved-command" data-testid="resolved-command">
      <code className="resolved-command-line">$ {parts.command}</code>
      <div className="resolved-command-where">
        on <strong>{parts.target}</strong> in <code>{parts.cwd}</code>
      </div>
      {parts.env.length > 0 ? (
        <dl className="resolved-command-env">
          {parts.env.map((entry) => (
            <div key={entry.name}>
              <dt>{entry.name}</dt>
              <dd>{entry.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
