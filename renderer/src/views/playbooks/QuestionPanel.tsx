import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { RunQuestion } from '../../../../contract/models';
import { client } from '../../client/warroom-client';
import { FormError } from '../../components/FormError';

interface Props {
  readonly slug: string;
  readonly question: RunQuestion;
}

/** What a running playbook waits for: a failure choice, a confirmation, an approval or a value. */
export function QuestionPanel({ slug, question }: Props) {
  switch (question.kind) {
    case 'decision':
      return question.inconclusive ? <InconclusiveChoice slug={slug} question={question} /> : <FailureChoice slug={slug} question={question} />;
    case 'confirm':
      return <ManualConfirm slug={slug} question={question} />;
    case 'approve':
      return <Approval slug={slug} question={question} />;
    case 'prompt':
      return <Prompt slug={slug} question={question} />;
  }
}

function useSubmit(): { busy: boolean; error: string | null; submit: (action: () => Promise<unknown>) => void } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    action().then(
      () => setBusy(false),
      (failure: Error) => {
        setBusy(false);
        setError(failure.message);
      },
    );
  };
  return { busy, error, submit };
}

function isTyping(target: EventTarget | null): boolean {
  const element = target as { tagName?: string; isContentEditable?: boolean } | null;
  return !!element && (element.tagName === 'INPUT' || element.tagName === 'TEXTAREA' || element.tagName === 'SELECT' || !!element.isContentEditable);
}

/**
 * Retry / Skip with a reason / Abort: big, clear, with keys R, S and A. Each acts at once
 * (the step has already failed and nothing runs while the choice waits): an abort that
 * needed a second press left the run "waiting for you" at 2 a.m.
 */
function FailureChoice({ slug, question }: { slug: string; question: Extract<RunQuestion, { kind: 'decision' }> }) {
  const [skipping, setSkipping] = useState(false);
  const [reason, setReason] = useState('');
  const reasonRef = useRef<HTMLInputElement>(null);
  const retryRef = useRef<HTMLButtonElement>(null);
  const { busy, error, submit } = useSubmit();
  const decide = (decision: 'retry' | 'skip' | 'abort', why?: string) =>
    submit(() => client.call('run.decide', { slug, runId: question.runId, stepIndex: question.stepIndex, decision, ...(why ? { reason: why } : {}) }));

  useEffect(() => {
    retryRef.current?.focus();
  }, [question]);
  useEffect(() => {
    if (skipping) reasonRef.current?.focus();
  }, [skipping]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || busy) return;
      if (event.key === 'Escape') {
        setSkipping(false);
        return;
      }
      if (isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'r') {
        event.preventDefault();
        decide('retry');
      } else if (key === 's') {
        event.preventDefault();
        setSkipping(true);
      } else if (key === 'a') {
        event.preventDefault();
        setSkipping(false);
        decide('abort');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const onSkip = (event: FormEvent) => {
    event.preventDefault();
    decide('skip', reason.trim());
  };

  return (
    <section className="question question-failure" aria-label="The step failed: choose what happens next" data-testid="failure-panel">
      <header>
        <span className="question-tag">Step {question.stepIndex + 1} failed</span>
        <h3>{question.stepName}</h3>
        <p className="question-message">{question.message}</p>
        {question.hint ? <p className="question-hint">{question.hint}</p> : null}
        {question.problem ? <p className="form-error">{question.problem}</p> : null}
      </header>
      <div className="choice-row">
        <button ref={retryRef} type="button" className="choice choice-retry" disabled={busy} onClick={() => decide('retry')} data-testid="choice-retry">
          <span className="choice-title">Retry</span>
          <span className="choice-help">run the step again</span>
          <kbd>R</kbd>
        </button>
        <button
          type="button"
          className={`choice choice-skip ${skipping ? 'selected' : ''}`}
          disabled={busy}
          onClick={() => setSkipping(true)}
          data-testid="choice-skip"
        >
          <span className="choice-title">Skip…</span>
          <span className="choice-help">go on without it; a reason is required</span>
          <kbd>S</kbd>
        </button>
        <button
          type="button"
          className="choice choice-abort"
          disabled={busy}
          onClick={() => {
            setSkipping(false);
            decide('abort');
          }}
          data-testid="choice-abort"
        >
          <span className="choice-title">Abort run</span>
          <span className="choice-help">stop here; later steps do not run</span>
          <kbd>A</kbd>
        </button>
      </div>
      {skipping ? (
        <form className="skip-form" onSubmit={onSkip}>
          <label>
            Why is it safe to skip step {question.stepIndex + 1}? (the report shows this)
            <input ref={reasonRef} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={2000} data-testid="skip-reason" />
          </label>
          <button type="submit" className="button primary" disabled={busy || reason.trim() === ''} data-testid="skip-confirm">
            Skip step
          </button>
          <button type="button" className="button secondary" onClick={() => setSkipping(false)}>
            Cancel
          </button>
        </form>
      ) : null}
      <FormError message={error} />
    </section>
  );
}

/**
 * An analysis that could not decide (its source unreachable, neither condition true): it
 * never promotes on its own. Retry, accept with a reason (the report shows it), or fail
 * (the step's on_failure applies: a canary rolls back).
 */
function InconclusiveChoice({ slug, question }: { slug: string; question: Extract<RunQuestion, { kind: 'decision' }> }) {
  const [accepting, setAccepting] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, submit } = useSubmit();
  const decide = (decision: 'retry' | 'accept' | 'fail', why?: string) =>
    submit(() => client.call('run.decide', { slug, runId: question.runId, stepIndex: question.stepIndex, decision, ...(why ? { reason: why } : {}) }));
  return (
    <section className="question question-failure" aria-label="The gate is inconclusive: choose what happens next" data-testid="inconclusive-panel">
      <header>
        <span className="question-tag">Step {question.stepIndex + 1} inconclusive: it will not promote on its own</span>
        <h3>{question.stepName}</h3>
        <p className="question-message">{question.message}</p>
        {question.problem ? <p className="form-error">{question.problem}</p> : null}
      </header>
      <div className="choice-row">
        <button type="button" className="choice choice-retry" disabled={busy} onClick={() => decide('retry')} data-testid="choice-retry">
          <span className="choice-title">Retry</span>
          <span className="choice-help">measure again</span>
        </button>
        <button
          type="button"
          className={`choice choice-skip ${accepting ? 'selected' : ''}`}
          disabled={busy}
          onClick={() => setAccepting(true)}
          data-testid="choice-accept"
        >
          <span className="choice-title">Accept…</span>
          <span className="choice-help">count the gate as passed; a reason is required</span>
        </button>
        <button type="button" className="choice choice-abort" disabled={busy} onClick={() => decide('fail')} data-testid="choice-fail">
          <span className="choice-title">Fail the gate</span>
          <span className="choice-help">as if it failed: a canary rolls back</span>
        </button>
      </div>
      {accepting ? (
        <form
          className="skip-form"
          onSubmit={(event) => {
            event.preventDefault();
            decide('accept', reason.trim());
          }}
        >
          <label>
            Why is it safe to go on without this gate&apos;s numbers? (the report shows this)
            <input value={reason} onChange={(event) => setReason(event.target.value)} maxLength={2000} autoFocus data-testid="accept-reason" />
          </label>
          <button type="submit" className="button primary" disabled={busy || reason.trim() === ''} data-testid="accept-confirm">
            Accept the gate
          </button>
          <button type="button" className="button secondary" onClick={() => setAccepting(false)}>
            Cancel
          </button>
        </form>
      ) : null}
      <FormError message={error} />
    </section>
  );
}

function ManualConfirm({ slug, question }: { slug: string; question: Extract<RunQuestion, { kind: 'confirm' }> }) {
  const [note, setNote] = useState('');
  const { busy, error, submit } = useSubmit();
  const send = (done: boolean) =>
    submit(() =>
      client.call('run.confirm', { slug, runId: question.runId, stepIndex: question.stepIndex, done, ...(note.trim() ? { note: note.trim() } : {}) }),
    );
  return (
    <section
      className={`question question-manual${question.flag ? ' question-flag' : ''}`}
      aria-label={question.flag ? 'A flag flip waits for your confirmation' : 'A manual step waits for you'}
      data-testid={question.flag ? 'flag-confirm-panel' : 'manual-panel'}
    >
      <header>
        <span className="question-tag">
          Step {question.stepIndex + 1}: {question.flag ? 'switch a feature flag (live)' : 'manual'}
        </span>
        <h3>{question.stepName}</h3>
      </header>
      {question.instructions ? <p className="question-instructions">{question.instructions}</p> : null}
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          send(true);
        }}
      >
        <label>
          Note (a link, what you saw): recorded with your name
          <input value={note} onChange={(event) => setNote(event.target.value)} maxLength={2000} autoFocus data-testid="manual-note" />
        </label>
        <div className="form-actions">
          <button type="button" className="button secondary" disabled={busy} onClick={() => send(false)} data-testid="manual-not-done">
            {question.flag ? 'Do not switch' : 'Not done'}
          </button>
          <button type="submit" className={`button ${question.flag ? 'danger' : 'primary'}`} disabled={busy} data-testid="manual-done">
            {question.flag ? 'Switch it' : 'Done'}
          </button>
        </div>
      </form>
      <FormError message={error} />
    </section>
  );
}

function Approval({ slug, question }: { slug: string; question: Extract<RunQuestion, { kind: 'approve' }> }) {
  const [note, setNote] = useState('');
  const { busy, error, submit } = useSubmit();
  const send = (approved: boolean) =>
    submit(() =>
      client.call('run.approve', {
        slug,
        runId: question.runId,
        stepIndex: question.stepIndex,
        role: question.role,
        approved,
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    );
  return (
    <section className="question question-approval" aria-label={`Approval needed from ${question.role}`} data-testid="approval-panel">
      <header>
        <span className="question-tag">Step {question.stepIndex + 1}: approval</span>
        <h3>{question.stepName}</h3>
        <p className="question-message">
          Approval needed as <strong>{question.role}</strong>. Your name is recorded as the approver.
        </p>
        {question.fourEyes ? (
          <p className="question-hint" data-testid="four-eyes">
            Four-eyes: {question.fourEyes.approvedBy.length} of {question.fourEyes.required} approvals
            {question.fourEyes.approvedBy.length > 0 ? ` (${question.fourEyes.approvedBy.join(', ')})` : ''}. {question.fourEyes.requester} started the run and
            does not count.
          </p>
        ) : null}
      </header>
      {question.instructions ? <p className="question-instructions">{question.instructions}</p> : null}
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          send(true);
        }}
      >
        <label>
          Note (optional)
          <input value={note} onChange={(event) => setNote(event.target.value)} maxLength={2000} autoFocus />
        </label>
        <div className="form-actions">
          <button type="button" className="button danger" disabled={busy} onClick={() => send(false)}>
            Refuse
          </button>
          <button type="submit" className="button primary" disabled={busy} data-testid="approve">
            Approve as {question.role}
          </button>
        </div>
      </form>
      <FormError message={error} />
    </section>
  );
}

function Prompt({ slug, question }: { slug: string; question: Extract<RunQuestion, { kind: 'prompt' }> }) {
  const [value, setValue] = useState(question.defaultValue ?? '');
  const { busy, error, submit } = useSubmit();
  return (
    <section className="question question-prompt" aria-label="The run asks for a value" data-testid="prompt-panel">
      <header>
        <span className="question-tag">Value needed: {question.name}</span>
        <h3>{question.question}</h3>
      </header>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          submit(() => client.call('run.answer', { slug, runId: question.runId, name: question.name, value }));
        }}
      >
        <label>
          {question.name}
          {question.secret ? ' (secret: never written to the journal)' : ''}
          <input
            type={question.secret ? 'password' : 'text'}
            value={value}
            onChange={(event) => setValue(event.target.value)}
            maxLength={10_000}
            autoFocus
            data-testid="prompt-value"
          />
        </label>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            Continue
          </button>
        </div>
      </form>
      <FormError message={error} />
    </section>
  );
}
