/** The error of a form or panel, announced to screen readers; nothing when there is none. */
export function FormError({ message, testId }: { message: string | null | undefined; testId?: string }) {
  if (!message) return null;
  return (
    <div className="form-error" role="alert" data-testid={testId}>
      {message}
    </div>
  );
}
