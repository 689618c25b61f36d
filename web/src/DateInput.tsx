// Date fields typed as dd/mm/yyyy (and dd/mm/yyyy hh:mm) whatever the browser's locale: a text input
// with a mask instead of <input type="date">, whose display order follows the operating system.
import { useEffect, useState, type InputHTMLAttributes } from 'react';
import { isoToDmy, localInputToDmyHm, maskDmy, maskDmyHm, parseDmy, parseDmyHm } from './util';

type Rest = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'min' | 'max'>;

/**
 * `value`: 'YYYY-MM-DD', '' or a text being typed. `onChange(iso, text)`: iso is 'YYYY-MM-DD' once the text
 * is a real day, '' when emptied, null while incomplete or wrong (text is what is shown).
 */
export function DateInput({ value, onChange, withTime, ...rest }: Rest & { value: string; onChange: (iso: string | null, text: string) => void; withTime?: boolean }) {
  const show = withTime ? localInputToDmyHm : isoToDmy;
  const parse = withTime ? parseDmyHm : parseDmy;
  const [text, setText] = useState(() => show(value));
  // a value set from outside (a reset, a preset period) replaces what is shown
  useEffect(() => {
    if (value !== (parse(text) ?? text) && !(value === '' && text === '')) setText(show(value));
  }, [value]); // eslint-disable-line react-hooks/exhaustive-deps
  const wrong = text !== '' && parse(text) === null;
  return (
    <input {...rest} type="text" inputMode="numeric" autoComplete="off" value={text}
      placeholder={withTime ? 'dd/mm/yyyy hh:mm' : 'dd/mm/yyyy'} maxLength={withTime ? 16 : 10}
      aria-invalid={rest['aria-invalid'] ?? (wrong || undefined)}
      onChange={(e) => {
        const t = withTime ? maskDmyHm(e.target.value) : maskDmy(e.target.value);
        setText(t);
        onChange(t === '' ? '' : parse(t), t);
      }}
      onBlur={(e) => {
        const iso = parse(text);
        if (iso) setText(show(iso)); // "1/3/1990" → "01/03/1990"
        rest.onBlur?.(e);
      }} />
  );
}
