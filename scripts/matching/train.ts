/**
 * Learning to rank from behaviour: labels from feedback, invitations, applications, decline
 * reasons and deals; the engine's features for each labelled pair; a pairwise linear model; the
 * most recent quarter of the pairs held out by time.
 *
 *   npm run matching:train -- [--database URL]              the product's behaviour (default DATABASE_URL)
 *   npm run matching:train -- --simulate [--set FILE]       a behaviour log simulated from a labelled set's train split
 *        [--held-out 0.25] [--seed 16] [--prior 0.4] [--write]
 *
 * Prints the time cut, then held-out NDCG@10 and pairwise accuracy for the hand-set and the learned
 * weights, and which weights go in force and why: the learned ones only when they beat the hand-set
 * ones on the held-out slice (NDCG@10 by ≥ 0.005, pairwise accuracy not worse; see decideWeights).
 * `--write` writes app/modules/matching/engine/learned-weights.json: the weights in force, the
 * candidate (`learnedWeights`) and the training's record (figures, source, date, engine version and
 * commit); its version goes up when the weights in force change. Bad arguments: a message on
 * stderr, exit code 2.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ALGORITHM_VERSION, LEARNED_WEIGHTS } from '#app/modules/matching/engine/config'
import { corpusStatsOf } from '#app/modules/matching/engine/engine'
import { simulateBehaviour, type LabelledSet } from '#app/modules/matching/learning/simulate'
import { decideWeights, nextWeightsFile, trainFromInteractions, type TrainingReport } from '#app/modules/matching/learning/train'
import { parseRankInput } from './lib/input'

const USAGE = 'usage: npm run matching:train -- [--database URL | --simulate [--set FILE]] [--held-out 0.25] [--seed N] [--prior 0.4] [--write]'
const root = path.join(import.meta.dirname, '../..')
const WEIGHTS_FILE = path.join(root, 'app/modules/matching/engine/learned-weights.json')
const DEFAULT_SET = path.join(root, 'tests/fixtures/matching/eval-set.json')

function fail(message: string): never {
  process.stderr.write(`matching:train: ${message}\n`)
  process.exit(2)
}

function readSet(file: string): LabelledSet {
  let json: { now?: string; grades?: LabelledSet['grades']; split?: LabelledSet['split'] }
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    fail(`cannot read ${file}: ${(error as Error).message}`)
  }
  const parsed = parseRankInput(json)
  if (!parsed.ok) fail(`invalid set ${file}:\n  ${parsed.errors.join('\n  ')}`)
  const now = new Date(json.now ?? '')
  if (Number.isNaN(now.getTime())) fail(`${file}: "now" must be a date`)
  if (!json.grades || typeof json.grades !== 'object') fail(`${file}: "grades" is required`)
  return { now, firms: parsed.firms, needs: parsed.needs, grades: json.grades, split: json.split ?? null }
}

/** The commit the engine ran from (`git rev-parse --short HEAD`), "unknown" outside a git checkout; "+changes" when the work tree differs. */
function engineCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'app'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    return commit ? `${commit}${dirty ? '+changes' : ''}` : 'unknown'
  } catch {
    return 'unknown'
  }
}

function print(report: TrainingReport, source: string) {
  const line = (name: string, quality: TrainingReport['heldOut']['handSet']) =>
    `  ${name.padEnd(34)} NDCG@10 ${quality.ndcg10.toFixed(4)}   pairwise accuracy ${quality.pairwiseAccuracy.toFixed(4)}   (${quality.needs} needs, ${quality.pairs} pairs)`
  process.stdout.write(
    [
      `source: ${source}`,
      `interactions: ${report.interactions}, labelled pairs: ${report.labelled} (skipped ${report.skipped})`,
      `time cut: ${report.cut.toISOString()} — train ${report.train.examples} pairs on ${report.train.needs} needs (labels 0/1/2/3: ${[0, 1, 2, 3].map((label) => report.train.labels[label]).join('/')}), held out ${report.heldOut.examples} pairs`,
      `train (fitted on, before the cut):`,
      line('hand-set weights', report.train.handSet),
      line('learned weights', report.train.learned),
      `held out (on or after the cut):`,
      line('hand-set weights, no decline signals', report.heldOut.handSetWithoutDeclines),
      line('hand-set weights', report.heldOut.handSet),
      line('learned weights', report.heldOut.learned),
      `learned weights: ${JSON.stringify(report.weights)} (train loss ${report.trainLoss.toFixed(4)} over ${report.trainPairs} pairs)`,
      '',
    ].join('\n'),
  )
}

async function main() {
  let values: { database?: string; simulate?: boolean; set?: string; 'held-out'?: string; seed?: string; prior?: string; write?: boolean; help?: boolean }
  try {
    ;({ values } = parseArgs({
      options: {
        database: { type: 'string' },
        simulate: { type: 'boolean' },
        set: { type: 'string' },
        'held-out': { type: 'string' },
        seed: { type: 'string' },
        prior: { type: 'string' },
        write: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }))
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`)
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  if (values.simulate && values.database) fail(`--simulate and --database exclude each other\n${USAGE}`)
  if (values.set && !values.simulate) fail(`--set goes with --simulate\n${USAGE}`)
  const heldOutShare = values['held-out'] === undefined ? 0.25 : Number(values['held-out'])
  if (!(heldOutShare > 0 && heldOutShare < 1)) fail(`--held-out: expected a share between 0 and 1, got ${JSON.stringify(values['held-out'])}`)
  const seed = values.seed === undefined ? 16 : Number(values.seed)
  if (!Number.isInteger(seed)) fail(`--seed: expected an integer, got ${JSON.stringify(values.seed)}`)
  const prior = values.prior === undefined ? undefined : Number(values.prior)
  if (prior !== undefined && !(prior >= 0)) fail(`--prior: expected a non-negative number, got ${JSON.stringify(values.prior)}`)

  let report: TrainingReport
  let source: string
  if (values.simulate) {
    const file = path.resolve(values.set ?? DEFAULT_SET)
    const set = readSet(file)
    const simulated = simulateBehaviour(set, { seed })
    source = `simulated from ${path.relative(root, file)} (${simulated.trainNeeds} train needs, split ${simulated.splitSource === 'set' ? "from the set's split" : 'by a hash of the need id: the set has none'}, seed ${seed})`
    if (simulated.interactions.length === 0) fail('the simulation produced no interaction')
    report = trainFromInteractions({
      interactions: simulated.interactions,
      needs: new Map(set.needs.map((need) => [need.id, need])),
      firms: new Map(set.firms.map((firm) => [firm.id, firm])),
      corpusStats: corpusStatsOf(set.firms),
      heldOutShare,
      trainOptions: { prior },
    })
  } else {
    if (values.database) process.env.DATABASE_URL = values.database
    process.env.LOG_LEVEL ??= 'warn'
    const { trainFromDatabase } = await import('#app/modules/matching/learning/train.server')
    const { prisma } = await import('#app/utils/db.server')
    try {
      const result = await trainFromDatabase({ heldOutShare, trainOptions: { prior } })
      if (!result.ok) fail(result.message)
      report = result.report
      source = 'the product database'
    } finally {
      await prisma.$disconnect()
    }
  }
  print(report, source)
  const decision = decideWeights(report.heldOut)
  process.stdout.write(`weights in force: ${decision.inForce === 'learned' ? 'LEARNED' : 'HAND-SET'} — ${decision.reason}\n`)
  if (values.write) {
    const file = nextWeightsFile(LEARNED_WEIGHTS, report, source, new Date(), { algorithmVersion: ALGORITHM_VERSION, commit: engineCommit() })
    writeFileSync(WEIGHTS_FILE, `${JSON.stringify(file, null, 2)}\n`)
    const versionNote = file.version === LEARNED_WEIGHTS.version ? 'unchanged: same weights in force' : `was ${LEARNED_WEIGHTS.version}: the weights in force changed`
    process.stdout.write(`wrote ${path.relative(root, WEIGHTS_FILE)}: ${file.inForce} weights in force, version ${file.version} (${versionNote}); the candidate is kept as "learnedWeights"\n`)
  } else {
    process.stdout.write(`not written (add --write to record this training in ${path.relative(root, WEIGHTS_FILE)})\n`)
  }
}

await main()
