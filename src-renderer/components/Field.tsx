import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';

type FieldFrameProps = {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean | undefined;
  children: ReactNode;
  className?: string | undefined;
};

/** Label, control, hint and error, tied together for screen readers (and getByLabel). */
export function FieldFrame({ id, label, error, hint, required, children, className }: FieldFrameProps) {
  return (
    <div className={'field' + (error ? ' field-invalid' : '') + (className ? ' ' + className : '')}>
      <div className="label-row">
        <label htmlFor={id}>{label}</label>
        {/* Outside the label so the accessible name stays the plain label text. */}
        {required ? (
          <span className="req" aria-hidden="true">
            *
          </span>
        ) : null}
      </div>
      {children}
      {hint && !error ? (
        <div className="hint" id={id + '-hint'}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <div className="field-error" id={id + '-error'} role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

export const describedBy = (id: string, error?: string, hint?: string) =>
  error ? id + '-error' : hint ? id + '-hint' : undefined;

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> & {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
  className?: string;
};

export function TextField({ label, value, onChange, error, hint, inputRef, className, required, ...rest }: TextFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} required={required} className={className}>
      <input
        id={id}
        ref={inputRef}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        aria-required={required || undefined}
        {...rest}
      />
    </FieldFrame>
  );
}

type SelectFieldProps<V extends string> = {
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  error?: string | undefined;
  disabled?: boolean;
  className?: string;
};

export function SelectField<V extends string>({ label, value, options, onChange, error, disabled, className }: SelectFieldProps<V>) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} error={error} className={className}>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value as V)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
