import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react'
import { useTranslation } from 'react-i18next'
import { cn } from './cn'
import { translateKey } from '#app/i18n/translate'

export type ListOfErrors = Array<string | null | undefined> | null | undefined

const I18N_KEY = /^[a-z][a-zA-Z]*(\.[a-zA-Z0-9_]+)+$/

/**
 * Field and form errors: i18n keys from the zod schemas and services are translated here;
 * sentences already translated by the server are shown as they are.
 */
export function ErrorList({ id, errors, className }: { id?: string; errors?: ListOfErrors; className?: string }) {
  const { t } = useTranslation()
  const list = [...new Set(errors?.filter((error): error is string => Boolean(error)))]
  if (!list.length) return null
  return (
    <ul id={id} className={cn('mt-1 space-y-0.5', className)}>
      {list.map((error) => (
        <li key={error} className="text-sm font-medium text-red-700">
          {I18N_KEY.test(error) ? translateKey(t, error) : error}
        </li>
      ))}
    </ul>
  )
}

/** The form-level message (e.g. "Ce besoin n'est pas complet"), announced to screen readers. */
export function FormErrors({ id, errors }: { id?: string; errors?: ListOfErrors }) {
  if (!errors?.some(Boolean)) return null
  return (
    <div role="alert" className="rounded-md bg-red-50 p-3 ring-1 ring-inset ring-red-300">
      <ErrorList id={id} errors={errors} className="mt-0" />
    </div>
  )
}

const controlClasses =
  'block w-full rounded-md border-0 bg-white px-3 py-2 text-stone-900 shadow-sm ring-1 ring-inset ring-stone-300 placeholder:text-stone-500 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-[invalid]:ring-red-600 sm:text-sm'

interface FieldShellProps {
  label: ReactNode
  hint?: ReactNode
  errors?: ListOfErrors
  className?: string
}

function useFieldIds(givenId?: string) {
  const fallback = useId()
  const id = givenId ?? fallback
  return { id, errorId: `${id}-error`, hintId: `${id}-hint` }
}

function describedBy(hint: ReactNode, errors: ListOfErrors, ids: { errorId: string; hintId: string }) {
  const parts = [hint ? ids.hintId : null, errors?.some(Boolean) ? ids.errorId : null].filter(Boolean)
  return parts.length ? parts.join(' ') : undefined
}

export function Field({
  label,
  hint,
  errors,
  className,
  inputProps,
}: FieldShellProps & { inputProps: InputHTMLAttributes<HTMLInputElement> }) {
  const ids = useFieldIds(inputProps.id)
  const invalid = errors?.some(Boolean)
  return (
    <div className={className}>
      <label htmlFor={ids.id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      {hint ? (
        <p id={ids.hintId} className="text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      <input
        {...inputProps}
        id={ids.id}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(hint, errors, ids)}
        className={cn('mt-1', controlClasses, inputProps.className)}
      />
      <ErrorList id={ids.errorId} errors={errors} />
    </div>
  )
}

export function TextareaField({
  label,
  hint,
  errors,
  className,
  textareaProps,
}: FieldShellProps & { textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement> }) {
  const ids = useFieldIds(textareaProps.id)
  const invalid = errors?.some(Boolean)
  return (
    <div className={className}>
      <label htmlFor={ids.id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      {hint ? (
        <p id={ids.hintId} className="text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      <textarea
        rows={5}
        {...textareaProps}
        id={ids.id}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(hint, errors, ids)}
        className={cn('mt-1', controlClasses, textareaProps.className)}
      />
      <ErrorList id={ids.errorId} errors={errors} />
    </div>
  )
}

export function SelectField({
  label,
  hint,
  errors,
  className,
  selectProps,
  options,
  placeholder,
}: FieldShellProps & {
  selectProps: SelectHTMLAttributes<HTMLSelectElement>
  options: Array<{ value: string; label: string }>
  placeholder?: string
}) {
  const ids = useFieldIds(selectProps.id)
  const invalid = errors?.some(Boolean)
  // A field posted twice comes back as a list: a single select shows its first value.
  const defaultValue = !selectProps.multiple && Array.isArray(selectProps.defaultValue) ? String(selectProps.defaultValue[0] ?? '') : selectProps.defaultValue
  return (
    <div className={className}>
      <label htmlFor={ids.id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      {hint ? (
        <p id={ids.hintId} className="text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      <select
        {...selectProps}
        defaultValue={defaultValue}
        id={ids.id}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(hint, errors, ids)}
        className={cn('mt-1', controlClasses, selectProps.className)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ErrorList id={ids.errorId} errors={errors} />
    </div>
  )
}

export function CheckboxField({
  label,
  hint,
  errors,
  className,
  inputProps,
}: FieldShellProps & { inputProps: InputHTMLAttributes<HTMLInputElement> }) {
  const ids = useFieldIds(inputProps.id)
  const invalid = errors?.some(Boolean)
  return (
    <div className={cn('flex gap-3', className)}>
      <input
        type="checkbox"
        {...inputProps}
        id={ids.id}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(hint, errors, ids)}
        className="mt-0.5 size-4 rounded border-stone-400 text-brand-700 focus:ring-brand-600"
      />
      <div>
        <label htmlFor={ids.id} className="text-sm font-medium text-stone-800">
          {label}
        </label>
        {hint ? (
          <p id={ids.hintId} className="text-sm text-stone-600">
            {hint}
          </p>
        ) : null}
        <ErrorList id={ids.errorId} errors={errors} />
      </div>
    </div>
  )
}
