import { useFetcher } from '@remix-run/react'
import { useEffect, useId, useRef, useState, type InputHTMLAttributes, type KeyboardEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { cn } from '../ui/cn'
import { ErrorList, type ListOfErrors } from '../ui/field'

export interface PickerOption {
  /** Unique among the options. */
  key: string
  /** What the option shows (and what screen readers read). */
  label: string
}

/** The props every picker takes, as `Field` does: `inputProps` from Conform's `getInputProps(…, { type: 'text' })`. */
export interface PickerFieldProps {
  label: string
  hint?: ReactNode
  errors?: ListOfErrors
  className?: string
  inputProps: InputHTMLAttributes<HTMLInputElement>
}

const controlClasses =
  'mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-stone-900 shadow-sm ring-1 ring-inset ring-stone-300 placeholder:text-stone-500 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-[invalid]:ring-red-600 sm:text-sm'

/** Sets an input's value as typing would, so that React, Conform and our own state all see it. */
function typeInto(input: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set
  if (setter) setter.call(input, value)
  else input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true }))
}

/**
 * Loads suggestions from a resource route as the query changes (after a short pause), through a
 * fetcher; `url` null means nothing to load.
 */
export function useSuggestions<T>(url: string | null, delayMs = 150) {
  const fetcher = useFetcher<T>()
  useEffect(() => {
    if (!url) return
    const timer = setTimeout(() => fetcher.load(url), delayMs)
    return () => clearTimeout(timer)
    // fetcher.load changes identity between renders; load again only when the URL changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url])
  return url ? fetcher.data : undefined
}

/**
 * A text input with a list of suggestions: the ARIA 1.2 combobox pattern (list autocomplete,
 * manual selection). Without JavaScript it is a plain text input that the server parses;
 * with it, suggestions appear under the input: arrows move, Enter or a click chooses, Escape
 * closes. Label, hint and errors are wired like `Field` (aria-describedby, aria-invalid).
 */
export function Combobox({
  label,
  hint,
  errors,
  className,
  inputProps,
  options,
  onValueChange,
  onChoose,
  children,
}: PickerFieldProps & {
  options: PickerOption[]
  /** Every change of the input's text, typed or chosen. */
  onValueChange: (value: string) => void
  /** The input's new text once an option is chosen. */
  onChoose: (option: PickerOption, currentValue: string) => string
  /** Shown under the input (e.g. the chosen items with their labels). */
  children?: ReactNode
}) {
  const { t } = useTranslation()
  const fallbackId = useId()
  const id = inputProps.id ?? fallbackId
  const listId = `${id}-listbox`
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const inputRef = useRef<HTMLInputElement>(null)
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const invalid = errors?.some(Boolean)
  const expanded = open && options.length > 0
  const describedBy = [hint ? hintId : null, invalid ? errorId : null].filter(Boolean).join(' ') || undefined

  // New suggestions: nothing highlighted until the arrows move.
  const optionKeys = options.map((option) => option.key).join('\u0000')
  useEffect(() => setActive(-1), [optionKeys])

  function choose(option: PickerOption) {
    const input = inputRef.current
    if (!input) return
    typeInto(input, onChoose(option, input.value))
    setOpen(false)
    setActive(-1)
    input.focus()
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    inputProps.onKeyDown?.(event)
    if (event.defaultPrevented) return
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (options.length === 0) return
      event.preventDefault()
      setOpen(true)
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((current) => (current + step + options.length + (current === -1 && step === -1 ? 1 : 0)) % options.length)
    } else if (event.key === 'Enter') {
      // Enter chooses a highlighted suggestion; otherwise it submits the form as usual.
      const option = expanded && active >= 0 ? options[active] : undefined
      if (option) {
        event.preventDefault()
        choose(option)
      }
    } else if (event.key === 'Escape') {
      if (expanded) {
        event.preventDefault()
        setOpen(false)
        setActive(-1)
      }
    }
  }

  return (
    <div className={cn('relative', className)}>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      <input
        type="text"
        {...inputProps}
        ref={inputRef}
        id={id}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        className={cn(controlClasses, inputProps.className)}
        onChange={(event) => {
          inputProps.onChange?.(event)
          onValueChange(event.currentTarget.value)
          setOpen(true)
        }}
        onKeyDown={onKeyDown}
        onBlur={(event) => {
          inputProps.onBlur?.(event)
          setOpen(false)
          setActive(-1)
        }}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={t('profile.pickers.suggestions', { label })}
        hidden={!expanded}
        className="absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-stone-300"
      >
        {options.map((option, index) => (
          <li
            key={option.key}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            // Keep the focus in the input: the click chooses, the blur must not close first.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(option)}
            onMouseEnter={() => setActive(index)}
            className={cn('cursor-pointer px-3 py-1.5 text-stone-900', index === active ? 'bg-brand-700 text-white' : 'hover:bg-stone-100')}
          >
            {option.label}
          </li>
        ))}
      </ul>
      <p role="status" className="sr-only">
        {expanded ? t('profile.pickers.count', { count: options.length }) : ''}
      </p>
      {children}
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}
