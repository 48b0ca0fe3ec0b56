import type { MetaFunction } from '@remix-run/node'

/** Page titles come translated from the loader (`{ title }`), so meta needs no hooks. */
export const titleMeta: MetaFunction = ({ data }) => {
  const title = (data as { title?: string } | undefined)?.title
  return [{ title: title ? `${title} · Sillon` : 'Sillon' }]
}
