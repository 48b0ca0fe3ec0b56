import { useEffect, useState, type InputHTMLAttributes } from 'react'

/** The text of an uncontrolled input, followed from its default value and every change. */
export function useInputValue(inputProps: InputHTMLAttributes<HTMLInputElement>) {
  const initial = inputProps.defaultValue === undefined || inputProps.defaultValue === null ? '' : String(inputProps.defaultValue)
  const [value, setValue] = useState(initial)
  // A new default (the form was reset or re-rendered with the server's answer) replaces it.
  useEffect(() => setValue(initial), [initial])
  return [value, setValue] as const
}
