import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { DataTable, HorizontalBarChart, MonthBarChart, MonthLineChart } from './charts'

describe('charts drawn on the server', () => {
  test('a bar chart is an image named and described, its values written as text', () => {
    const html = renderToStaticMarkup(
      <HorizontalBarChart
        id="funnel"
        title="Entonnoir"
        description="Besoins publiés : 10"
        data={[
          { label: 'Besoins publiés', value: 10, valueLabel: '10' },
          { label: 'Candidatures', value: 4, valueLabel: '4 · 40 %' },
        ]}
      />,
    )
    expect(html).toMatch(/^<svg role="img" aria-labelledby="funnel-title funnel-desc"/)
    expect(html).toContain('<title id="funnel-title">Entonnoir</title>')
    expect(html).toContain('<desc id="funnel-desc">Besoins publiés : 10</desc>')
    expect(html).toContain('Candidatures')
    expect(html).toContain('4 · 40 %')
    expect(html.match(/<rect/g)).toHaveLength(2)
  })

  test('lines by month differ by stroke and marker, not colour alone, and break where a month has no value', () => {
    const html = renderToStaticMarkup(
      <MonthLineChart
        id="first"
        title="Délai"
        description="…"
        labels={['janv. 26', 'févr. 26', 'mars 26']}
        series={[
          { name: 'Médiane', values: [2, null, 4] },
          { name: 'p90', values: [5, null, 9], dashed: true },
        ]}
        formatTick={String}
      />,
    )
    expect(html).toContain('stroke-dasharray="6 4"')
    // Two round points for the median, two squares for p90, plus one of each in the legend.
    expect(html.match(/<circle/g)).toHaveLength(3)
    expect(html.match(/<rect/g)).toHaveLength(3)
    expect(html).toContain('févr. 26')
    expect(html).toContain('Médiane')
  })

  test('bars by month with their axis; an all-zero series still draws', () => {
    const html = renderToStaticMarkup(<MonthBarChart id="value" title="Valeur" description="…" data={[{ label: 'mai 26', value: 0 }]} formatTick={(v) => `${v} €`} />)
    expect(html).toContain('mai 26')
    expect(html).toContain('0 €')
  })

  test('the data table has a caption and headers for columns and rows', () => {
    const html = renderToStaticMarkup(<DataTable caption="Contrats" columns={[{ header: 'Mois' }, { header: 'Valeur', numeric: true }]} rows={[{ key: 'm', cells: ['mai 2026', '50 000 €'] }]} />)
    expect(html).toContain('<caption')
    expect(html).toContain('<th scope="col"')
    expect(html).toContain('<th scope="row" class="px-3 py-2 font-medium">mai 2026</th>')
  })
})
