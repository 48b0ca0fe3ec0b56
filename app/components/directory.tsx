import type { ReactNode } from 'react'

/** The tables of the staff directory's pages (organisations, users): a caption and header cells. */
export function DirectoryTable({ caption, headers, children }: { caption: string; headers: string[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-stone-200">
      <table className="min-w-full divide-y divide-stone-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-stone-50 text-left">
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col" className="px-4 py-2 font-semibold">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">{children}</tbody>
      </table>
    </div>
  )
}

export function Cell({ children, nowrap }: { children?: ReactNode; nowrap?: boolean }) {
  return <td className={`px-4 py-2 align-top${nowrap ? ' whitespace-nowrap' : ''}`}>{children}</td>
}

/** A section of a staff record page: a heading, then its table or its empty message. */
export function Section({ id, title, actions, children }: { id: string; title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id={id} className="text-lg font-semibold">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  )
}
