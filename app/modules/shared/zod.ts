import { z } from 'zod'

/**
 * zod as the forms use it, configured once: any issue the schema gives no message for (a field
 * posted several times, a file where text is expected, a value of no allowed shape) gets the
 * general i18n key rather than zod's English message. Schemas import `z` from here, so the
 * setting holds wherever they run.
 */
z.config({ customError: () => 'validation.invalidInput' })

export { z }
