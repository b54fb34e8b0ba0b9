import type { ReactNode } from 'react';

export interface TextFieldProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  list?: string;
  maxLength?: number;
  /** `password` hides what is typed; defaults to `text`. */
  type?: 'text' | 'password';
  /** Defaults to `off`: forms here are about other people, not the person typing. */
  autoComplete?: string;
}

/** A labelled text input whose hint and error are tied to it for assistive technology. */
export function TextField(props: TextFieldProps) {
  const { name, label, value, onChange, error, hint, required, list, maxLength } = props;
  const { type = 'text', autoComplete = 'off' } = props;
  const id = `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].join(' ').trim();
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="required-mark" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        autoComplete={autoComplete}
        spellCheck={false}
        list={list}
        maxLength={maxLength}
      />
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
