import type { World } from './world'

/**
 * Issue 14's groups in the access-rule world: planted after the rest (through the services), with
 * the ids the rows of table-groups.ts need.
 */
export async function plantGroups(_world: World): Promise<Record<string, string>> {
  return {}
}
