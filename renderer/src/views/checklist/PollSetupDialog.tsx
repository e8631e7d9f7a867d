import { Fragment, useState } from 'react';
import { client } from '../../client/warroom-client';
import { Dialog } from '../../components/Dialog';
import type { Criterion, Participant } from './poll-types';
import { FormError } from '../../components/FormError';

interface Props {
  readonly slug: string;
  /** 'open' opens a new poll with these; 'edit' changes the open poll. */
  readonly mode: 'open' | 'edit';
  readonly participants: readonly Participant[];
  readonly criteria: readonly Criterion[];
  readonly onClose: () => void;
}

type ParticipantDraft = { id?: string; name: string; role: string; required: boolean };
type MetricDraft = { source: string; query: string; baseline: string; successCondition: string; failureCondition: string };
type CriterionDraft = { id?: string; title: string; description: string; metric?: MetricDraft };

function draftOf(criterion: Criterion): CriterionDraft {
  const { metric, ...rest } = criterion;
  if (!metric) return { ...rest };
  return {
    ...rest,
    metric: {
      source: metric.source,
      query: metric.query,
      baseline: metric.baseline ?? '',
      successCondition: metric.successCondition ?? '',
      failureCondition: metric.failureCondition ?? '',
    },
  };
}

/** The metric gate as the request wants it: empty optional fields left out. */
function metricInput(metric: MetricDraft) {
  const optional = (name: 'baseline' | 'successCondition' | 'failureCondition') => (metric[name].trim() ? { [name]: metric[name].trim() } : {});
  return {
    source: metric.source.trim(),
    query: metric.query.trim(),
    ...optional('baseline'),
    ...optional('successCondition'),
    ...optional('failureCondition'),
  };
}

/** Who votes (roles required or advisory) and on which criteria. */
export function PollSetupDialog({ slug, mode, participants, criteria, onClose }: Props) {
  const [people, setPeople] = useState<ParticipantDraft[]>(() => participants.map((participant) => ({ ...participant })));
  const [topics, setTopics] = useState<CriterionDraft[]>(() => criteria.map(draftOf));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const participantInputs = people
      .filter((person) => person.name.trim() || person.role.trim())
      .map((person) => ({ ...(person.id ? { id: person.id } : {}), name: person.name, role: person.role, required: person.required }));
    const criterionInputs = topics
      .filter((topic) => topic.title.trim())
      .map((topic) => ({
        ...(topic.id ? { id: topic.id } : {}),
        title: topic.title,
        ...(topic.description.trim() ? { description: topic.description } : {}),
        ...(topic.metric ? { metric: metricInput(topic.metric) } : {}),
      }));
    setBusy(true);
    try {
      if (mode === 'open') {
        await client.call('poll.open', { slug, participants: participantInputs, criteria: criterionInputs });
      } else {
        await client.call('poll.participants.set', { slug, participants: participantInputs });
        await client.call('poll.criteria.set', { slug, criteria: criterionInputs });
      }
      onClose();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  };

  const setRoleRequired = (role: string, required: boolean) => setPeople(people.map((person) => (person.role === role ? { ...person, required } : person)));

  return (
    <Dialog title={mode === 'open' ? 'Open a go/no-go poll' : 'Participants and criteria'} onClose={onClose} wide>
      <form
        className="form poll-setup"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <h3>Participants</h3>
        <table className="setup-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Role is</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {people.map((person, index) => (
              <tr key={index}>
                <td>
                  <input
                    aria-label="Name"
                    value={person.name}
                    maxLength={100}
                    onChange={(event) => setPeople(people.map((entry, at) => (at === index ? { ...entry, name: event.target.value } : entry)))}
                  />
                </td>
                <td>
                  <input
                    aria-label="Role"
                    value={person.role}
                    maxLength={100}
                    onChange={(event) => setPeople(people.map((entry, at) => (at === index ? { ...entry, role: event.target.value } : entry)))}
                  />
                </td>
                <td>
                  <select
                    aria-label="Required or advisory"
                    value={person.required ? 'required' : 'advisory'}
                    onChange={(event) => setRoleRequired(person.role, event.target.value === 'required')}
                  >
                    <option value="required">required</option>
                    <option value="advisory">advisory</option>
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    className="button secondary"
                    aria-label={`Remove ${person.name}`}
                    onClick={() => setPeople(people.filter((_, at) => at !== index))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className="button secondary" onClick={() => setPeople([...people, { name: '', role: '', required: true }])}>
          + Participant
        </button>
        <h3>Criteria</h3>
        <table className="setup-table">
          <tbody>
            {topics.map((topic, index) => {
              const update = (next: Partial<CriterionDraft>) => setTopics(topics.map((entry, at) => (at === index ? { ...entry, ...next } : entry)));
              const metric = topic.metric;
              const updateMetric = (next: Partial<MetricDraft>) => metric && update({ metric: { ...metric, ...next } });
              return (
                <Fragment key={index}>
                  <tr>
                    <td>
                      <input aria-label="Criterion" value={topic.title} maxLength={100} onChange={(event) => update({ title: event.target.value })} />
                    </td>
                    <td className="wide-cell">
                      <input
                        aria-label="Description"
                        value={topic.description}
                        maxLength={2000}
                        onChange={(event) => update({ description: event.target.value })}
                      />
                    </td>
                    <td>
                      <button type="button" className="button secondary" onClick={() => setTopics(topics.filter((_, at) => at !== index))}>
                        Remove
                      </button>
                    </td>
                  </tr>
                  {metric ? (
                    <tr className="metric-draft" data-testid="metric-draft">
                      <td colSpan={3}>
                        <div className="metric-draft-fields">
                          <label>
                            Source
                            <input
                              aria-label="Metric source"
                              value={metric.source}
                              placeholder="sandbox or http://prometheus:9090"
                              onChange={(event) => updateMetric({ source: event.target.value })}
                            />
                          </label>
                          <label>
                            Query
                            <input aria-label="Metric query" value={metric.query} onChange={(event) => updateMetric({ query: event.target.value })} />
                          </label>
                          <label>
                            Baseline query
                            <input aria-label="Baseline query" value={metric.baseline} onChange={(event) => updateMetric({ baseline: event.target.value })} />
                          </label>
                          <label>
                            Passes when
                            <input
                              aria-label="Success condition"
                              value={metric.successCondition}
                              placeholder="result[0] < 0.05"
                              onChange={(event) => updateMetric({ successCondition: event.target.value })}
                            />
                          </label>
                          <label>
                            Fails when
                            <input
                              aria-label="Failure condition"
                              value={metric.failureCondition}
                              placeholder="result[0] >= 0.05"
                              onChange={(event) => updateMetric({ failureCondition: event.target.value })}
                            />
                          </label>
                        </div>
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
        <div className="form-actions start">
          <button type="button" className="button secondary" onClick={() => setTopics([...topics, { title: '', description: '' }])}>
            + Criterion
          </button>
          <button
            type="button"
            className="button secondary"
            data-testid="add-metric-gate"
            title="A criterion the numbers decide: measured live while the poll is open, frozen into the decision"
            onClick={() =>
              setTopics([
                ...topics,
                { title: '', description: '', metric: { source: 'sandbox', query: '', baseline: '', successCondition: '', failureCondition: '' } },
              ])
            }
          >
            + Metric gate
          </button>
        </div>
        <FormError message={error} />
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" data-testid="poll-setup-save" disabled={busy}>
            {mode === 'open' ? 'Open poll' : 'Save'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
