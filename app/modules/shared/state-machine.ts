/**
 * A lifecycle as one table: each action names the states it may start from and the state it leads to.
 * Pure: services apply the result in a transaction together with the audit-log row.
 */
export type TransitionTable<S extends string, A extends string> = Record<A, { from: readonly S[]; to: S }>

export type TransitionResult<S extends string> =
  | { ok: true; from: S; to: S }
  | { ok: false; from: S; allowedFrom: readonly S[] }

export function createStateMachine<S extends string, A extends string>(table: TransitionTable<S, A>) {
  return {
    table,
    transition(from: S, action: A): TransitionResult<S> {
      const rule = table[action]
      if (rule.from.includes(from)) return { ok: true, from, to: rule.to }
      return { ok: false, from, allowedFrom: rule.from }
    },
    /** The actions available from a state, e.g. to show only the buttons that work. */
    actionsFrom(from: S): A[] {
      return (Object.keys(table) as A[]).filter((action) => table[action].from.includes(from))
    },
  }
}
