/**
 * A form's fields as the routes parse them: NUL and other control characters (except tab and
 * line breaks) are removed from every text value first. PostgreSQL refuses NUL in text, and none
 * of these characters means anything in a form; files are passed through.
 */
export function cleanText(value: string) {
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
}

export async function readFormData(request: Request): Promise<FormData> {
  const raw = await request.formData()
  const clean = new FormData()
  for (const [name, value] of raw) clean.append(cleanText(name), typeof value === 'string' ? cleanText(value) : value)
  return clean
}

/**
 * A field that must be posted once (an intent, a record id): its text, or null when it is
 * missing, posted several times, or a file.
 */
export function singleValue(formData: FormData, name: string): string | null {
  const values = formData.getAll(name)
  return values.length === 1 && typeof values[0] === 'string' ? values[0] : null
}
