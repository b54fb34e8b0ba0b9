import { useId } from 'react';

/**
 * A labelled drop-down whose first choice is none ("Every class", "Choose a class"): its
 * value is the empty string.
 */
export function LabelledSelect(props: {
  label: string;
  value: string;
  emptyLabel: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{props.emptyLabel}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
