import { useSearchParams } from '@remix-run/react'
import { ErrorList } from './field'

/** The look of a filter's input or select in a GET search form. */
export const filterFieldClass = 'mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-inset ring-stone-300 focus:ring-2 focus:ring-brand-600'

/**
 * A select of a GET filter form: its value read back from the URL, an empty first choice ("any"),
 * and the message of a value the page refused, tied to the select.
 */
export function FilterSelect({
  id,
  name,
  label,
  anyLabel,
  options,
  errors,
}: {
  id: string
  name: string
  label: string
  anyLabel: string
  options: Array<{ value: string; label: string }>
  errors?: string[]
}) {
  const [searchParams] = useSearchParams()
  const errorId = `${id}-error`
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <select id={id} name={name} defaultValue={searchParams.get(name) ?? ''} className={filterFieldClass} aria-describedby={errors?.length ? errorId : undefined}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}
