import type { ReactNode } from 'react';

/** What the control inside a FormField must carry to be tied to its label, hint and error. */
export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  'aria-required': true | undefined;
}

interface Props {
  /** The control's name; also its id (`field-<name>`), unique on the page. */
  name: string;
  label: string;
  hint?: ReactNode;
  /** Already in words (see forms/field-message.ts). */
  error?: string | undefined;
  required?: boolean;
  /** Renders the control (input, select, textarea) with the given props spread on it. */
  children: (control: ControlProps) => ReactNode;
}

/**
 * A labelled form control of any kind, with its hint and error tied to it for assistive
 * technology. Pairs with react-hook-form: `{(p) => <input {...p} {...form.register('name')} />}`.
 */
export function FormField({ name, label, hint, error, required, children }: Props) {
  const id = `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].join(' ').trim();
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="required-mark" aria-hidden="true">
            {' *'}
          </span>
        )}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy || undefined,
        'aria-required': required ? true : undefined,
      })}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
