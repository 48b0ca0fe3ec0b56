import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { parseNafList } from '#app/modules/naf/format'
import { Combobox, useSuggestions, type PickerFieldProps } from './combobox'
import { completeLastFragment, lastFragment } from './list-value'
import { useInputValue } from './use-input-value'

interface NafAnswer {
  codes?: Array<{ code: string; label: string }>
  selected?: Array<{ code: string; label: string | null }>
}

export interface NafFieldProps extends PickerFieldProps {
  /**
   * Labels of codes the page already knows, e.g. `{ '62.01Z': 'Programmation informatique' }` from
   * the loader, shown from the first render; the others are fetched.
   */
  knownLabels?: Record<string, string>
  /** The resource route of the nomenclature (`/resources/naf`). */
  source?: string
}

/**
 * One or more NAF codes as a comma-separated list ("62.01Z, 28.99B"). Typing a code or words of a
 * label suggests "62.01Z — Programmation informatique"; choosing adds the code. Codes may be typed
 * directly (with or without the dot); the chosen ones are listed with their labels, unknown ones
 * flagged. Without JavaScript, a plain text field. Use it with `getInputProps(fields.nafCodes, { type: 'text' })`.
 */
export function NafField({ knownLabels, source = '/resources/naf', ...props }: NafFieldProps) {
  const { t } = useTranslation()
  const [value, setValue] = useInputValue(props.inputProps)
  const { fragment } = lastFragment(value)
  const searchUrl = fragment.length >= 2 || /^\d/.test(fragment) ? `${source}?q=${encodeURIComponent(fragment)}` : null
  const suggestions = useSuggestions<NafAnswer>(searchUrl)

  const codes = parseNafList(value).codes
  const [fetchedLabels, setFetchedLabels] = useState<Record<string, string | null>>({})
  const labelOf = (code: string): string | null | undefined => knownLabels?.[code] ?? fetchedLabels[code]
  const missing = codes.filter((code) => labelOf(code) === undefined)
  const labelsUrl = missing.length ? `${source}?codes=${encodeURIComponent(missing.slice(0, 20).join(','))}` : null
  const described = useSuggestions<NafAnswer>(labelsUrl)
  // Remember the labels fetched so far: codes typed, removed and typed again need no new request.
  useEffect(() => {
    const selected = described?.selected
    if (selected?.length) setFetchedLabels((known) => ({ ...known, ...Object.fromEntries(selected.map((item) => [item.code, item.label])) }))
  }, [described])

  const options = useMemo(() => {
    if (!searchUrl) return []
    return (suggestions?.codes ?? [])
      .filter((item) => !codes.includes(item.code))
      .map((item) => ({ key: item.code, label: `${item.code} — ${item.label}` }))
    // codes is derived from value
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [suggestions, searchUrl, value])

  return (
    <Combobox
      {...props}
      options={options}
      onValueChange={setValue}
      onChoose={(option, current) => completeLastFragment(current, option.key)}
    >
      {codes.length > 0 ? (
        <div className="mt-2">
          <p className="sr-only">{t('profile.pickers.chosenNaf')}</p>
          <ul className="space-y-0.5 text-sm text-stone-700" aria-live="polite">
            {codes.map((code) => {
              const label = labelOf(code)
              return (
                <li key={code}>
                  <span className="font-mono font-semibold">{code}</span>
                  {label ? ` — ${label}` : null}
                  {label === null ? <span className="font-medium text-red-700"> — {t('profile.pickers.unknownNaf')}</span> : null}
                </li>
              )
            })}
          </ul>
        </div>
      ) : null}
    </Combobox>
  )
}
