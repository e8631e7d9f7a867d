import type { FormEvent, KeyboardEvent, ReactNode } from 'react';
import { Dialog } from './Dialog';
import { FormError } from './FormError';

export interface FormDialogProps {
  readonly title: string;
  readonly onClose: () => void;
  /** Called on submit and on Ctrl/Cmd+Enter, not while busy or disabled. */
  readonly onSubmit: () => void;
  readonly busy: boolean;
  readonly error: string | null;
  readonly submitLabel: string;
  /** The submit button stays disabled (a required field is empty, a reason is too short). */
  readonly submitDisabled?: boolean;
  /** A destructive or policy-breaking action: the submit button is red. */
  readonly danger?: boolean;
  readonly wide?: boolean;
  readonly className?: string;
  readonly testId?: string;
  readonly submitTestId?: string;
  readonly errorTestId?: string;
  readonly children: ReactNode;
}

/**
 * A dialog holding one form: the fields, the error the main side gave (the dialog stays
 * open with everything typed), Cancel and the submit button, Ctrl+Enter to submit.
 */
export function FormDialog(props: FormDialogProps) {
  const blocked = props.busy || props.submitDisabled === true;
  const submit = (event: FormEvent | KeyboardEvent) => {
    event.preventDefault();
    if (!blocked) props.onSubmit();
  };
  return (
    <Dialog title={props.title} onClose={props.onClose} wide={props.wide}>
      <form
        className={props.className ? `form ${props.className}` : 'form'}
        data-testid={props.testId}
        onSubmit={submit}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
        }}
      >
        {props.children}
        <FormError message={props.error} testId={props.errorTestId} />
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className={props.danger ? 'button danger' : 'button primary'} data-testid={props.submitTestId} disabled={blocked}>
            {props.submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
