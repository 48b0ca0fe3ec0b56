import { useMemo } from 'react'
import { Combobox, useSuggestions, type PickerFieldProps } from './combobox'
import { completeLastFragment, foldForMatch, lastFragment, listItems } from './list-value'
import { useInputValue } from './use-input-value'

export interface TagsFieldProps extends PickerFieldProps {
  /**
   * A resource route answering `?q=<fragment>` with `{ skills: string[] }`; `/resources/skills`
   * (the most used skills of verified firms and published needs) by default, null for none.
   */
  source?: string | null
  /** Suggestions known in advance (e.g. labels), filtered by the fragment being typed. */
  suggestions?: readonly string[]
  /** At most this many suggestions at once (10). */
  maxSuggestions?: number
}

/**
 * Tags typed as one comma-separated list ("iot, edge computing, python"), with suggestions that
 * complete the last fragment. Without JavaScript, a plain text field; the server splits the list.
 * Use it with `getInputProps(fields.skills, { type: 'text' })`.
 */
export function TagsField({ source = '/resources/skills', suggestions, maxSuggestions = 10, ...props }: TagsFieldProps) {
  const [value, setValue] = useInputValue(props.inputProps)
  const { fragment } = lastFragment(value)
  const folded = foldForMatch(fragment)
  const url = source && folded ? `${source}${source.includes('?') ? '&' : '?'}q=${encodeURIComponent(fragment)}` : null
  const remote = useSuggestions<{ skills?: string[] }>(url)

  const options = useMemo(() => {
    if (!folded) return []
    const chosen = new Set(listItems(value).slice(0, -1).map(foldForMatch))
    const local = (suggestions ?? []).filter((tag) => foldForMatch(tag).includes(folded))
    const fetched = url ? (remote?.skills ?? []) : []
    const seen = new Set<string>()
    const tags: string[] = []
    for (const tag of [...local, ...fetched]) {
      const key = foldForMatch(tag)
      // The fragment itself, fully typed, needs no suggestion.
      if (seen.has(key) || chosen.has(key) || key === folded) continue
      seen.add(key)
      tags.push(tag)
    }
    return tags.slice(0, maxSuggestions).map((tag) => ({ key: tag, label: tag }))
  }, [folded, value, suggestions, remote, url, maxSuggestions])

  return (
    <Combobox
      {...props}
      options={options}
      onValueChange={setValue}
      onChoose={(option, current) => completeLastFragment(current, option.label)}
    />
  )
}
