import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Combobox, useSuggestions, type PickerFieldProps } from './combobox'
import { useInputValue } from './use-input-value'

export interface FirmChoice {
  slug: string
  name: string
  commune: string | null
}

export interface FirmPickerFieldProps extends PickerFieldProps {
  /** Slugs never suggested: the applicant itself, partners already chosen in other fields. */
  exclude?: readonly string[]
  /** The firm of the initial value, when the page knows it, to show its name from the first render. */
  initialFirm?: FirmChoice | null
  /** The resource route answering `?q=` with `{ firms: FirmChoice[] }` (`/resources/firms`). */
  source?: string
}

/**
 * A verified firm, picked by name: type two letters or more, choose a suggestion
 * ("Névé Robotique — Meylan"); the field's value is the firm's slug (its Sillon address), and the
 * chosen firm's name is shown under the input. Without JavaScript, a text field for the slug.
 * Use it with `getInputProps(fields.consortium, { type: 'text' })` (several on a page work).
 */
export function FirmPickerField({ exclude, initialFirm, source = '/resources/firms', hint, ...props }: FirmPickerFieldProps) {
  const { t } = useTranslation()
  const [value, setValue] = useInputValue(props.inputProps)
  const query = value.trim()
  const url = query.length >= 2 ? `${source}?q=${encodeURIComponent(query)}` : null
  const answer = useSuggestions<{ firms?: FirmChoice[] }>(url)
  const [chosen, setChosen] = useState<FirmChoice | null>(initialFirm ?? null)

  const firms = useMemo(() => (url ? (answer?.firms ?? []) : []), [answer, url])
  const options = useMemo(
    () =>
      firms
        .filter((firm) => !exclude?.includes(firm.slug) && firm.slug !== query)
        .map((firm) => ({ key: firm.slug, label: firm.commune ? `${firm.name} — ${firm.commune}` : firm.name })),
    [firms, exclude, query],
  )
  const current = chosen?.slug === query ? chosen : (firms.find((firm) => firm.slug === query) ?? null)

  return (
    <Combobox
      {...props}
      hint={hint ?? t('profile.pickers.firmHint')}
      options={options}
      onValueChange={setValue}
      onChoose={(option) => {
        setChosen(firms.find((firm) => firm.slug === option.key) ?? null)
        return option.key
      }}
    >
      {current ? (
        <p className="mt-1 text-sm text-stone-700" aria-live="polite">
          {t('profile.pickers.chosenFirm', { name: current.commune ? `${current.name} (${current.commune})` : current.name })}
        </p>
      ) : null}
    </Combobox>
  )
}
