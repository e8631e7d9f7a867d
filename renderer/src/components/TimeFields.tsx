import { useEffect, useState } from 'react';

/**
 * Time and date-time inputs that always read 24-hour ("22:00", never "10:00 PM").
 *
 * Why not <input type="time">: Chromium draws it in the locale of the browser, so an en-US
 * browser shows AM/PM to a release manager planning "Tue 22:00 Europe/Berlin", and the
 * page cannot ask for 24-hour (the lang attribute is ignored). A text field with a pattern
 * keeps one notation everywhere; the date keeps the native picker (no time in it).
 */
const TIME_PATTERNS = {
  minutes: '(?:[01]\\d|2[0-3]):[0-5]\\d',
  seconds: '(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d',
} as const;

/** "930" or "0930" typed without a colon becomes "09:30" when the field is left. */
function normaliseTime(text: string, withSeconds: boolean): string {
  const digits = text.trim();
  if (!withSeconds && /^\d{3,4}$/.test(digits)) return `${digits.padStart(4, '0').slice(0, 2)}:${digits.padStart(4, '0').slice(2)}`;
  if (/^\d:\d\d(:\d\d)?$/.test(digits)) return `0${digits}`;
  return digits;
}

export interface TimeFieldProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly 'aria-label'?: string;
  readonly 'data-testid'?: string;
  readonly required?: boolean;
  /** Accept "24:00" (end of day), as working hours and blackouts do. */
  readonly allowEndOfDay?: boolean;
  readonly withSeconds?: boolean;
  readonly id?: string;
}

/** A 24-hour time of day, HH:mm (or HH:mm:ss). */
export function TimeField(props: TimeFieldProps) {
  const withSeconds = props.withSeconds === true;
  const pattern = `${withSeconds ? TIME_PATTERNS.seconds : TIME_PATTERNS.minutes}${props.allowEndOfDay ? '|24:00' : ''}`;
  return (
    <input
      type="text"
      className={withSeconds ? 'time-field with-seconds' : 'time-field'}
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      pattern={pattern}
      placeholder={withSeconds ? 'HH:mm:ss' : 'HH:mm'}
      title={`24-hour time, like ${withSeconds ? '22:00:00' : '22:00'}`}
      maxLength={withSeconds ? 8 : 5}
      size={withSeconds ? 8 : 5}
      value={props.value}
      required={props.required}
      aria-label={props['aria-label']}
      data-testid={props['data-testid']}
      id={props.id}
      onChange={(event) => props.onChange(event.target.value)}
      onBlur={(event) => {
        const normalised = normaliseTime(event.target.value, withSeconds);
        if (normalised !== event.target.value) props.onChange(normalised);
      }}
    />
  );
}

export interface DateTimeFieldProps {
  /** A local date-time, 2026-03-31T22:00 (or with :ss), or '' when empty. */
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** Names the pair for screen readers: "Opens" gives "Opens date" and "Opens time". */
  readonly label: string;
  /** Test ids: `${testId}-date` and `${testId}-time`. */
  readonly testId?: string;
  readonly required?: boolean;
  readonly withSeconds?: boolean;
}

/** A local date (native picker) and a 24-hour time, joined as 2026-03-31T22:00. */
export function DateTimeField(props: DateTimeFieldProps) {
  const [date, setDate] = useState(props.value.slice(0, 10));
  const [time, setTime] = useState(props.value.slice(11));
  // Follow a value set from outside (a reload), not the half-typed one this field emitted itself.
  useEffect(() => {
    if (props.value === `${date}T${time}` || (props.value === '' && date === '' && time === '')) return;
    setDate(props.value.slice(0, 10));
    setTime(props.value.slice(11));
  }, [props.value]);
  const emit = (nextDate: string, nextTime: string) => {
    setDate(nextDate);
    setTime(nextTime);
    props.onChange(nextDate === '' && nextTime === '' ? '' : `${nextDate}T${nextTime}`);
  };
  return (
    <span className="date-time-field">
      <input
        type="date"
        value={date}
        required={props.required}
        aria-label={`${props.label} date`}
        data-testid={props.testId ? `${props.testId}-date` : undefined}
        onChange={(event) => emit(event.target.value, time)}
      />
      <TimeField
        value={time}
        required={props.required}
        withSeconds={props.withSeconds}
        aria-label={`${props.label} time (24-hour)`}
        data-testid={props.testId ? `${props.testId}-time` : undefined}
        onChange={(next) => emit(date, next)}
      />
    </span>
  );
}
