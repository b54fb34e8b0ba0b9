import type { ReactNode } from 'react';
import { FormField } from './form-field';

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
  return (
    <FormField name={name} label={label} hint={hint} error={error} required={required ?? false}>
      {(control) => (
        <input
          {...control}
          name={name}
          type={type}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          autoComplete={autoComplete}
          spellCheck={false}
          list={list}
          maxLength={maxLength}
        />
      )}
    </FormField>
  );
}
