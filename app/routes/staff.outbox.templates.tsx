import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary'
import { Badge, Card, PageHeader } from '#app/components/ui/card'
import { cn } from '#app/components/ui/cn'
import { templatePreviews } from '#app/modules/notifications/template-previews.server'
import { getRequestT } from '#app/utils/i18n.server'
import { titleMeta } from '#app/utils/meta'
import { handle } from '#app/utils/route.server'
import { requireActor } from '#app/utils/session.server'

export const meta = titleMeta

export async function loader(args: LoaderFunctionArgs) {
  return handle(args, async ({ request }) => {
    const actor = await requireActor(request)
    const selected = new URL(request.url).searchParams.get('template')
    const [previews, t] = await Promise.all([templatePreviews(actor, selected), getRequestT(request)])
    return json({ title: t('prefs.templates.title'), ...previews })
  })
}

export default function TemplatePreviewsPage() {
  const { templates, selected, renders } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('prefs.templates.title')}
        description={t('prefs.templates.intro')}
        actions={
          // A document load: back to the strict policy of every other page.
          <Link to="/staff/outbox" reloadDocument className="text-sm font-medium text-brand-700 underline">
            {t('prefs.templates.back')}
          </Link>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
        <nav aria-label={t('prefs.templates.list')}>
          <p className="mb-2 text-sm text-stone-600">{t('prefs.templates.count', { count: templates.length })}</p>
          <ul className="space-y-1 text-sm">
            {templates.map((template) => (
              <li key={template.name}>
                <Link
                  to={`?template=${encodeURIComponent(template.name)}`}
                  aria-current={template.name === selected ? 'page' : undefined}
                  className={cn(
                    'flex flex-wrap items-center gap-2 rounded-md px-2 py-1',
                    template.name === selected ? 'bg-brand-50 font-semibold text-brand-900' : 'text-brand-700 hover:bg-stone-100',
                  )}
                >
                  <code>{template.name}</code>
                  <Badge tone={template.transactional ? 'neutral' : 'info'}>
                    {template.transactional ? t('prefs.templates.transactional') : t('prefs.templates.withUnsubscribe')}
                  </Badge>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="grid gap-6 xl:grid-cols-2">
          {renders.map((render) => (
            <Card key={render.locale} className="space-y-3" lang={render.locale}>
              <h2 className="text-lg font-semibold">
                <code>{selected}</code> · {t(`languages.${render.locale}`)}
              </h2>
              <p className="text-sm">
                <span className="font-semibold">{t('prefs.templates.subject')}</span> {render.subject}
              </p>
              <h3 className="text-sm font-semibold">{t('prefs.templates.html')}</h3>
              {/* sandbox="": no script, no form, no navigation of this page; links cannot be followed from the preview. */}
              <iframe
                title={t('prefs.templates.frameTitle', { name: selected, language: t(`languages.${render.locale}`) })}
                sandbox=""
                srcDoc={render.html}
                className="h-[32rem] w-full rounded-md bg-stone-100 ring-1 ring-stone-200"
              />
              <h3 className="text-sm font-semibold">{t('prefs.templates.text')}</h3>
              {/* Focusable, so that a keyboard scrolls a long text. */}
              <pre tabIndex={0} aria-label={`${t('prefs.templates.text')} · ${t(`languages.${render.locale}`)}`} className="max-h-96 overflow-auto whitespace-pre-wrap rounded-md bg-stone-50 p-3 text-xs ring-1 ring-stone-200">{render.text}</pre>
            </Card>
          ))}
        </div>
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
