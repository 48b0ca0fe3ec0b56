/**
 * What a need must have before staff see it (pure). Returns field → i18n keys; empty when complete.
 */
export interface NeedCompletenessInput {
  summary: string
  description: string
  skills: string[]
  deadline: Date | null | undefined
  expectedStart: Date | null | undefined
  communeInsee: string | null | undefined
  remoteOk: boolean
  budgetMaxEur: number | null | undefined
}

export function completenessErrors(need: NeedCompletenessInput, now: Date): Record<string, string[]> {
  const errors: Record<string, string[]> = {}
  const add = (field: string, key: string) => {
    errors[field] = [...(errors[field] ?? []), key]
  }
  if (need.summary.trim().length < 20) add('summary', 'validation.summaryTooShort')
  if (need.description.trim().length < 50) add('description', 'validation.descriptionTooShort')
  if (need.skills.length === 0) add('skills', 'validation.skillsRequired')
  if (!need.deadline) add('deadline', 'validation.required')
  else if (need.deadline.getTime() <= now.getTime()) add('deadline', 'validation.deadlinePast')
  if (need.deadline && need.expectedStart && need.expectedStart.getTime() < need.deadline.getTime()) {
    add('expectedStart', 'validation.startBeforeDeadline')
  }
  if (!need.communeInsee && !need.remoteOk) add('communeInsee', 'validation.locationRequired')
  if (need.budgetMaxEur === null || need.budgetMaxEur === undefined) add('budgetMaxEur', 'validation.budgetRequired')
  return errors
}
