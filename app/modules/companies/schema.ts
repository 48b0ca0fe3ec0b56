import { sirenSchema } from '../organisations/schema'
import { z } from '../shared/zod'

/** The "Rechercher" of the organisation form: only the SIREN is read (the rest is being typed). */
export const sirenLookupSchema = z.object({ siren: sirenSchema })
