import { AxisBottom, AxisLeft } from '@visx/axis'
import { Group } from '@visx/group'
import { scaleBand, scaleLinear } from '@visx/scale'
import { Bar, LinePath } from '@visx/shape'
import { Text } from '@visx/text'
import type { ReactNode } from 'react'

/**
 * Charts drawn on the server as SVG by visx (scales, shapes and axes as React components): the
 * HTML carries the finished picture, no client JavaScript draws or is needed to read it. Each SVG
 * is an image with a name and a description (`role="img"`, `<title>`/`<desc>` by aria-labelledby);
 * values are written next to the bars and points, and series differ by line style and marker shape
 * as well as colour. Every chart is followed by its data table (`DataTable`): the figures for
 * screen readers, for copying, and for whoever prefers numbers. Texts arrive formatted: the
 * components know no locale. See docs/decisions/0021-analytics-charts.md.
 */

const WIDTH = 720
const INK = '#1c1917' // stone-900
const MUTED = '#57534e' // stone-600
const GRID = '#e7e5e4' // stone-200
const BAR = '#23775a' // brand-600
const SECOND = '#9a3412' // orange-800

interface ChartText {
  /** Unique on the page: the ids of the title and description derive from it. */
  id: string
  title: string
  description: string
}

function ChartFrame({ id, title, description, height, children }: ChartText & { height: number; children: ReactNode }) {
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      // Classes, not an inline style: the content security policy allows no style attribute.
      className="block h-auto max-w-[720px]"
      fontFamily="inherit"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {children}
    </svg>
  )
}

export interface BarDatum {
  label: string
  value: number
  /** Written at the end of the bar (e.g. "12 · 40 %"). */
  valueLabel: string
}

/** Horizontal bars, one per row, labelled on the left and valued on the right (the funnel). */
export function HorizontalBarChart({ data, ...text }: ChartText & { data: BarDatum[] }) {
  const rowHeight = 34
  const margin = { top: 8, right: 150, bottom: 8, left: 190 }
  const height = margin.top + margin.bottom + rowHeight * Math.max(1, data.length)
  const innerWidth = WIDTH - margin.left - margin.right
  const x = scaleLinear<number>({ domain: [0, Math.max(1, ...data.map((d) => d.value))], range: [0, innerWidth] })
  const y = scaleBand<string>({ domain: data.map((_, index) => String(index)), range: [0, rowHeight * data.length], padding: 0.25 })
  return (
    <ChartFrame {...text} height={height}>
      <Group left={margin.left} top={margin.top}>
        {data.map((datum, index) => {
          const top = y(String(index)) ?? 0
          const width = Math.max(datum.value > 0 ? 2 : 0, x(datum.value))
          return (
            <g key={datum.label}>
              <Text x={-10} y={top + y.bandwidth() / 2} textAnchor="end" verticalAnchor="middle" fontSize={14} fill={INK}>
                {datum.label}
              </Text>
              <Bar x={0} y={top} width={width} height={y.bandwidth()} fill={BAR} rx={2} />
              <Text x={width + 8} y={top + y.bandwidth() / 2} verticalAnchor="middle" fontSize={14} fill={INK}>
                {datum.valueLabel}
              </Text>
            </g>
          )
        })}
      </Group>
    </ChartFrame>
  )
}

const MONTH_MARGIN = { top: 20, right: 16, bottom: 40, left: 84 }
const MONTH_HEIGHT = 280

function monthScales(labels: string[], max: number) {
  const innerWidth = WIDTH - MONTH_MARGIN.left - MONTH_MARGIN.right
  const innerHeight = MONTH_HEIGHT - MONTH_MARGIN.top - MONTH_MARGIN.bottom
  const x = scaleBand<string>({ domain: labels, range: [0, innerWidth], padding: 0.2 })
  const y = scaleLinear<number>({ domain: [0, max > 0 ? max : 1], range: [innerHeight, 0], nice: true })
  return { x, y, innerWidth, innerHeight }
}

function MonthAxes({ x, y, innerWidth, innerHeight, formatTick }: ReturnType<typeof monthScales> & { formatTick: (value: number) => string }) {
  return (
    <>
      {y.ticks(4).map((tick) => (
        <line key={tick} x1={0} x2={innerWidth} y1={y(tick)} y2={y(tick)} stroke={GRID} />
      ))}
      <AxisLeft
        scale={y}
        numTicks={4}
        tickFormat={(value) => formatTick(Number(value))}
        stroke={MUTED}
        tickStroke={MUTED}
        tickLabelProps={{ fill: MUTED, fontSize: 12, textAnchor: 'end', dx: -4 }}
      />
      <AxisBottom
        top={innerHeight}
        scale={x}
        // Past a year, one month in n is labelled (the table below has them all).
        tickValues={x.domain().filter((_, index) => index % Math.ceil(x.domain().length / 12) === 0)}
        stroke={MUTED}
        tickStroke={MUTED}
        tickLabelProps={{ fill: MUTED, fontSize: 12, textAnchor: 'middle' }}
      />
    </>
  )
}

export interface MonthBarDatum {
  /** The month as the axis shows it ("janv. 26"). */
  label: string
  value: number
}

/** Vertical bars by month (contract value). */
export function MonthBarChart({ data, formatTick, ...text }: ChartText & { data: MonthBarDatum[]; formatTick: (value: number) => string }) {
  const scales = monthScales(
    data.map((d) => d.label),
    Math.max(0, ...data.map((d) => d.value)),
  )
  const { x, y, innerHeight } = scales
  return (
    <ChartFrame {...text} height={MONTH_HEIGHT}>
      <Group left={MONTH_MARGIN.left} top={MONTH_MARGIN.top}>
        <MonthAxes {...scales} formatTick={formatTick} />
        {data.map((datum) => (
          <Bar key={datum.label} x={x(datum.label) ?? 0} y={y(datum.value)} width={x.bandwidth()} height={innerHeight - y(datum.value)} fill={BAR} rx={2} />
        ))}
      </Group>
    </ChartFrame>
  )
}

export interface LineSeries {
  name: string
  /** One value per label; null: no point that month (the line breaks). */
  values: Array<number | null>
  /** Dashed with square markers, rather than solid with round ones: not told by colour alone. */
  dashed?: boolean
}

/** Lines by month with a legend (time to first application: median and p90). */
export function MonthLineChart({ labels, series, formatTick, ...text }: ChartText & { labels: string[]; series: LineSeries[]; formatTick: (value: number) => string }) {
  const max = Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)))
  const scales = monthScales(labels, max)
  const { x, y } = scales
  const centre = (index: number) => (x(labels[index]) ?? 0) + x.bandwidth() / 2
  return (
    <ChartFrame {...text} height={MONTH_HEIGHT + 28}>
      <Group left={MONTH_MARGIN.left} top={MONTH_MARGIN.top + 28}>
        <MonthAxes {...scales} formatTick={formatTick} />
        {series.map((s) => {
          const colour = s.dashed ? SECOND : BAR
          const points = s.values.map((value, index) => ({ value, index }))
          return (
            <g key={s.name}>
              <LinePath
                data={points}
                defined={(p) => p.value !== null}
                x={(p) => centre(p.index)}
                y={(p) => y(p.value ?? 0)}
                stroke={colour}
                strokeWidth={2}
                strokeDasharray={s.dashed ? '6 4' : undefined}
              />
              {points.map((p) =>
                p.value === null ? null : s.dashed ? (
                  <rect key={p.index} x={centre(p.index) - 4} y={y(p.value) - 4} width={8} height={8} fill={colour} />
                ) : (
                  <circle key={p.index} cx={centre(p.index)} cy={y(p.value)} r={4} fill={colour} />
                ),
              )}
            </g>
          )
        })}
      </Group>
      <Group left={MONTH_MARGIN.left} top={14}>
        {series.map((s, index) => {
          const colour = s.dashed ? SECOND : BAR
          const left = index * 220
          return (
            <g key={s.name}>
              <line x1={left} x2={left + 28} y1={0} y2={0} stroke={colour} strokeWidth={2} strokeDasharray={s.dashed ? '6 4' : undefined} />
              {s.dashed ? <rect x={left + 10} y={-4} width={8} height={8} fill={colour} /> : <circle cx={left + 14} cy={0} r={4} fill={colour} />}
              <Text x={left + 36} y={0} verticalAnchor="middle" fontSize={13} fill={INK}>
                {s.name}
              </Text>
            </g>
          )
        })}
      </Group>
    </ChartFrame>
  )
}

export interface TableColumn {
  header: string
  /** Numbers are aligned right. */
  numeric?: boolean
}

/** The data table that follows a chart: a caption, column headers, and each row's header. */
export function DataTable({ caption, columns, rows }: { caption: string; columns: TableColumn[]; rows: Array<{ key: string; cells: ReactNode[] }> }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="py-2 text-left font-medium text-stone-800">{caption}</caption>
        <thead className="bg-stone-50 text-stone-700">
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={`px-3 py-2 ${column.numeric ? 'text-right' : ''}`}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-200">
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, index) =>
                index === 0 ? (
                  <th key={index} scope="row" className="px-3 py-2 font-medium">
                    {cell}
                  </th>
                ) : (
                  <td key={index} className={`px-3 py-2 ${columns[index]?.numeric ? 'text-right tabular-nums' : ''}`}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
