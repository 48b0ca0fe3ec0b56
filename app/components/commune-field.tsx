import { useFetcher } from '@remix-run/react'
import { useEffect, useId, useState, type InputHTMLAttributes } from 'react'
import { Field, type ListOfErrors } from './ui/field'

interface Suggestions {
  communes: Array<{ insee: string; label: string; value: string }>
}

/**
 * Any French commune: type a name (suggestions come from /resources/communes, each with its
 * département, e.g. "Beaufort (73)", "Fort-de-France (972)") or an INSEE code. The server accepts
 * the code, the name (when no other commune has it) or the suggestion label.
 */
export function CommuneField({
  label,
  hint,
  errors,
  inputProps,
}: {
  label: string
  hint?: string
  errors?: ListOfErrors
  inputProps: InputHTMLAttributes<HTMLInputElement>
}) {
  const listId = useId()
  const fetcher = useFetcher<Suggestions>()
  const [query, setQuery] = useState('')
  useEffect(() => {
    if (query.trim().length < 2) return
    const timer = setTimeout(() => fetcher.load(`/resources/communes?q=${encodeURIComponent(query)}`), 150)
    return () => clearTimeout(timer)
    // fetcher.load is stable enough for this purpose; re-run only when the text changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query])
  const suggestions = fetcher.data?.communes ?? []
  return (
    <>
      <Field
        label={label}
        hint={hint}
        errors={errors}
        inputProps={{
          ...inputProps,
          list: listId,
          autoComplete: 'off',
          onChange: (event) => setQuery(event.currentTarget.value),
        }}
      />
      <datalist id={listId}>
        {suggestions.map((commune) => (
          <option key={commune.insee} value={commune.value}>
            {commune.value === commune.label ? null : commune.label}
          </option>
        ))}
      </datalist>
    </>
  )
}
