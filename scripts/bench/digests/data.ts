/**
 * The digest benchmark's data, written by PostgreSQL itself (generate_series, INSERT … SELECT):
 * no Prisma call per row. For `users` firm members at a pass instant:
 *
 * - 4 hubs; `partners` verified partner organisations (a few hundred) spread over them, each with
 *   one member who posted its needs (their own digest set 12 hours away from the pass, so they are
 *   not due); `needsPerHub` PUBLISHED needs per hub (70 % PUBLIC, 30 % MEMBERS), published 1–20 h
 *   before the instant, deadline 10–90 days after it;
 * - `users` verified firms (hub i mod 4), each with one verified OWNER user (Europe/Paris, fr or en,
 *   a NotificationPreference row: DAILY at the instant's Paris hour, minimum score 60; the channels
 *   are the defaults: recommended needs in the digest);
 * - per firm, 5 matches of the current ALGORITHM_VERSION scored 60–98 on 5 distinct needs of its
 *   hub, and 1 more scored 30–59 (below the minimum score: never announced), with breakdowns and
 *   reasons shaped like the engine's, computed 1–20 h before the instant.
 *
 * Deterministic (ids and values from the row numbers), then VACUUM ANALYZE.
 */
import type pg from 'pg'
import { ALGORITHM_VERSION } from '#app/modules/matching/engine/config'

export interface DigestDataOptions {
  users: number
  /** The pass instant (on the hour). */
  instant: Date
  /** The users' local digest hour (Europe/Paris) that the instant serves. */
  hour: number
  log: (line: string) => void
}

export const MATCHES_ABOVE = 5
export const EMAIL_DOMAIN = 'bench.sillon.test'

export function benchSizes(users: number) {
  return {
    hubs: 4,
    partners: Math.max(8, Math.min(300, Math.round(users / 333))),
    needsPerHub: Math.max(10, Math.min(150, Math.round(users / 666))),
  }
}

const HUBS = [
  { slug: 'grenoble', name: 'Digital Grenoble (banc)', shortName: 'Grenoble', city: 'Grenoble' },
  { slug: 'annecy', name: 'Annecy Numérique (banc)', shortName: 'Annecy', city: 'Annecy' },
  { slug: 'savoie', name: 'Savoie Technolac (banc)', shortName: 'Savoie', city: 'Chambéry' },
  { slug: 'valence', name: 'Valence Digital (banc)', shortName: 'Valence', city: 'Valence' },
]

const TOPICS = [
  'Maintenance prédictive des pompes',
  'Jumeau numérique d’une ligne de production',
  'Détection de fuites sur le réseau d’eau',
  'Tableau de bord énergie des bâtiments',
  'Vision industrielle pour le contrôle qualité',
  'Application mobile pour les techniciens',
  'Cybersécurité des automates',
  'Optimisation des tournées de collecte',
  'Capteurs IoT pour le suivi des stocks',
  'Plateforme de données ouvertes',
  'Chatbot pour le service client',
  'Traçabilité des lots par RFID',
  'Audit d’accessibilité du site public',
  'Prévision de la demande par apprentissage',
  'Robotisation du conditionnement',
  'Signature électronique des marchés',
]
const SKILLS = ['IoT', 'cybersécurité', 'apprentissage automatique', 'vision', 'edge', 'React', 'PostgreSQL', 'RFID', 'robotique', 'SIG', 'accessibilité', 'données']
const COMMUNES = ['Grenoble', 'Échirolles', 'Annecy', 'Chambéry', 'Valence', 'Voiron', 'Meylan', 'Aix-les-Bains']

async function step(client: pg.Client, log: (line: string) => void, label: string, sql: string, params: unknown[] = []) {
  const started = performance.now()
  const result = await client.query(sql, params)
  log(`  ${label}: ${result.rowCount ?? 0} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

export async function generateDigestData(client: pg.Client, options: DigestDataOptions) {
  const { users, instant, hour, log } = options
  const { partners, needsPerHub } = benchSizes(users)
  const started = performance.now()
  await client.query('SET synchronous_commit = off')
  const at = instant.toISOString()

  await step(
    client,
    log,
    'hubs',
    `INSERT INTO "Hub" (id, slug, name, "shortName", city)
     SELECT 'bdg_hub_' || h.i, 'banc-' || h.slug, h.name, h.short, h.city
       FROM jsonb_to_recordset($1::jsonb) AS h(slug text, name text, short text, city text, i int)`,
    [JSON.stringify(HUBS.map((hub, index) => ({ ...hub, short: hub.shortName, i: index + 1 })))],
  )

  // Partner organisations and their one member each (who posts the needs).
  await step(
    client,
    log,
    'partner organisations',
    `INSERT INTO "Organisation" (id, slug, kind, name, status, "homeHubId", "communeName", "nafCodes", skills, labels,
                                 description, "charterAcceptedAt", "charterResponseDays", "verifiedAt", "createdAt", "updatedAt")
     SELECT 'bdg_p_' || i, 'banc-partenaire-' || i, 'PARTNER', 'Donneur d’ordres ' || i, 'VERIFIED', 'bdg_hub_' || (1 + i % 4),
            ($2::text[])[1 + i % array_length($2::text[], 1)], ARRAY['35.11Z'], ARRAY[]::text[], ARRAY[]::text[],
            'Grand compte du sillon alpin', $1::timestamp - interval '300 days', 15, $1::timestamp - interval '300 days',
            $1::timestamp - interval '300 days', $1::timestamp - interval '300 days'
       FROM generate_series(0, $3::int - 1) AS i`,
    [at, COMMUNES, partners],
  )
  await step(
    client,
    log,
    'partner users',
    `INSERT INTO "User" (id, email, name, locale, "timeZone", "emailVerifiedAt", "createdAt", "updatedAt")
     SELECT 'bdg_pu_' || i, 'partenaire-' || i || '@${EMAIL_DOMAIN}', 'Acheteur ' || i, 'fr', 'Europe/Paris',
            $1::timestamp - interval '300 days', $1::timestamp - interval '300 days', $1::timestamp - interval '300 days'
       FROM generate_series(0, $2::int - 1) AS i;`,
    [at, partners],
  )
  await step(
    client,
    log,
    'partner memberships',
    `INSERT INTO "Membership" (id, "userId", "organisationId", role) SELECT 'bdg_pm_' || i, 'bdg_pu_' || i, 'bdg_p_' || i, 'OWNER'
       FROM generate_series(0, $1::int - 1) AS i`,
    [partners],
  )
  await step(
    client,
    log,
    'partner preferences',
    `INSERT INTO "NotificationPreference" ("userId", "digestFrequency", "digestHour", "minScore", "updatedAt")
     SELECT 'bdg_pu_' || i, 'DAILY', ($2::int + 12) % 24, 60, $1::timestamp FROM generate_series(0, $3::int - 1) AS i`,
    [at, hour, partners],
  )

  // Needs: hub h holds needs h, h+4, h+8, …; posted by a partner of that hub.
  await step(
    client,
    log,
    'needs',
    `INSERT INTO "Need" (id, "partnerId", "hubId", "createdById", kind, status, title, summary, description, skills, "nafCodes",
                         "budgetMinEur", "budgetMaxEur", deadline, "communeName", "radiusKm", "remoteOk", visibility, "matchingMode",
                         "searchTitle", "searchBody", "submittedAt", "publishedAt", "scoredAt", "createdAt", "updatedAt")
     SELECT 'bdg_n_' || lpad(n::text, 5, '0'), 'bdg_p_' || p, 'bdg_hub_' || (1 + n % 4), 'bdg_pu_' || p,
            (ARRAY['PILOT', 'PROCUREMENT', 'CO_DEVELOPMENT', 'PROOF_OF_CONCEPT'])[1 + n % 4]::"NeedKind", 'PUBLISHED',
            title, 'Un besoin du sillon alpin : ' || lower(title) || '.', '## Contexte' || E'\\n\\n' || title || ' pour nos sites.',
            ARRAY[($3::text[])[1 + n % 12], ($3::text[])[1 + (n / 12) % 12]], ARRAY['62.01Z'],
            20000 + 5000 * (n % 10), 60000 + 10000 * (n % 10), $1::timestamp + make_interval(days => 10 + n % 80),
            ($4::text[])[1 + n % array_length($4::text[], 1)], 50, n % 3 = 0,
            CASE WHEN n % 10 < 7 THEN 'PUBLIC' ELSE 'MEMBERS' END::"Visibility", 'OPEN',
            title, title, $1::timestamp - make_interval(hours => 2 + n % 20), $1::timestamp - make_interval(hours => 1 + n % 20),
            $1::timestamp - make_interval(hours => 1 + n % 20), $1::timestamp - interval '2 days', $1::timestamp - make_interval(hours => 1 + n % 20)
       FROM generate_series(0, $5::int * 4 - 1) AS n,
            LATERAL (SELECT (n % 4) + 4 * ((n / 4) % ($6::int / 4)) AS p,
                            ($2::text[])[1 + (n / 4) % array_length($2::text[], 1)] || ' — lot ' || (1 + n / 4) AS title) AS x`,
    [at, TOPICS, SKILLS, COMMUNES, needsPerHub, partners],
  )

  // Firms, one OWNER member each, their digest preferences.
  await step(
    client,
    log,
    'firms',
    `INSERT INTO "Organisation" (id, slug, kind, name, status, "homeHubId", "communeName", headcount, "revenueBand", "foundedYear",
                                 "nafCodes", skills, labels, description, offerings, "verifiedAt", "matchedAt", "createdAt", "updatedAt")
     SELECT 'bdg_f_' || lpad(i::text, 6, '0'), 'banc-pme-' || i, 'FIRM', 'PME numérique ' || i, 'VERIFIED', 'bdg_hub_' || (1 + i % 4),
            ($2::text[])[1 + i % array_length($2::text[], 1)], 5 + i % 80,
            (ARRAY['LT_1M', 'M1_2M', 'M2_5M', 'M5_10M'])[1 + i % 4]::"RevenueBand", 1990 + i % 33,
            ARRAY['62.01Z'], ARRAY[($3::text[])[1 + i % 12], ($3::text[])[1 + (i / 12) % 12]], ARRAY[]::text[],
            'Une PME du numérique', 'Développement, intégration, conseil',
            $1::timestamp - interval '200 days', $1::timestamp - interval '1 hour', $1::timestamp - interval '200 days', $1::timestamp - interval '200 days'
       FROM generate_series(0, $4::int - 1) AS i`,
    [at, COMMUNES, SKILLS, users],
  )
  await step(
    client,
    log,
    'firm users',
    `INSERT INTO "User" (id, email, name, locale, "timeZone", "emailVerifiedAt", "createdAt", "updatedAt")
     SELECT 'bdg_u_' || lpad(i::text, 6, '0'), 'pme-' || i || '@${EMAIL_DOMAIN}', 'Dirigeante ' || i,
            CASE WHEN i % 5 = 4 THEN 'en' ELSE 'fr' END, 'Europe/Paris',
            $1::timestamp - interval '200 days', $1::timestamp - interval '200 days', $1::timestamp - interval '200 days'
       FROM generate_series(0, $2::int - 1) AS i`,
    [at, users],
  )
  await step(
    client,
    log,
    'firm memberships',
    `INSERT INTO "Membership" (id, "userId", "organisationId", role)
     SELECT 'bdg_m_' || lpad(i::text, 6, '0'), 'bdg_u_' || lpad(i::text, 6, '0'), 'bdg_f_' || lpad(i::text, 6, '0'), 'OWNER'
       FROM generate_series(0, $1::int - 1) AS i`,
    [users],
  )
  await step(
    client,
    log,
    'firm digest preferences',
    `INSERT INTO "NotificationPreference" ("userId", "digestFrequency", "digestHour", "minScore", "updatedAt")
     SELECT 'bdg_u_' || lpad(i::text, 6, '0'), 'DAILY', $2::int, 60, $1::timestamp - interval '100 days'
       FROM generate_series(0, $3::int - 1) AS i`,
    [at, hour, users],
  )

  // Matches: firm i (hub i mod 4) and the k-th need of its hub at (7i + 31k) mod needsPerHub: 5
  // distinct needs (31k < needsPerHub for k < 5 when needsPerHub > 124; else a stride that keeps them distinct).
  const stride = Math.max(1, Math.floor(needsPerHub / (MATCHES_ABOVE + 1)))
  await step(
    client,
    log,
    'matches',
    `INSERT INTO "Match" (id, "needId", "firmId", score, breakdown, "algorithmVersion", status, "inNeedTop", "inFirmTop", "computedAt", "updatedAt")
     SELECT 'bdg_x_' || lpad(i::text, 6, '0') || '_' || k, 'bdg_n_' || lpad(need::text, 5, '0'), 'bdg_f_' || lpad(i::text, 6, '0'), score,
            jsonb_build_object(
              'features', jsonb_build_array(
                jsonb_build_object('feature', 'text', 'value', round((score / 100 * 0.9)::numeric, 3), 'weight', 0.45, 'points', round((score * 0.5)::numeric, 1), 'applicable', true),
                jsonb_build_object('feature', 'skills', 'value', round((score / 100)::numeric, 3), 'weight', 0.25, 'points', round((score * 0.28)::numeric, 1), 'applicable', true),
                jsonb_build_object('feature', 'sector', 'value', 1, 'weight', 0.05, 'points', round((score * 0.06)::numeric, 1), 'applicable', true),
                jsonb_build_object('feature', 'distance', 'value', 0.8, 'weight', 0.1, 'points', round((score * 0.09)::numeric, 1), 'applicable', true),
                jsonb_build_object('feature', 'budget', 'value', 0.5, 'weight', 0.07, 'points', round((score * 0.04)::numeric, 1), 'applicable', true),
                jsonb_build_object('feature', 'trackRecord', 'value', 0.2, 'weight', 0.05, 'points', round((score * 0.02)::numeric, 1), 'applicable', true),
                jsonb_build_object('feature', 'responsiveness', 'value', 0.5, 'weight', 0.03, 'points', round((score * 0.01)::numeric, 1), 'applicable', true)),
              'reasons', jsonb_build_array(
                jsonb_build_object('key', 'skills', 'values', jsonb_build_object('count', 2, 'skills', ($3::text[])[1 + i % 12] || ', ' || ($3::text[])[1 + (i / 12) % 12])),
                jsonb_build_object('key', 'distance', 'values', jsonb_build_object('km', 3 + (i + k) % 40, 'commune', ($4::text[])[1 + need % array_length($4::text[], 1)])))),
            $2, 'SUGGESTED', score >= 90, true,
            $1::timestamp - make_interval(hours => 1 + (i + k) % 20), $1::timestamp - make_interval(hours => 1 + (i + k) % 20)
       FROM generate_series(0, $5::int - 1) AS i,
            generate_series(0, $6::int) AS k,
            LATERAL (SELECT (i % 4) + 4 * ((7 * (i / 4) + $7::int * k) % $8::int) AS need,
                            CASE WHEN k < $6::int THEN 60 + ((i * 13 + k * 7) % 39) ELSE 30 + ((i * 11) % 30) END::float8 AS score) AS x`,
    [at, ALGORITHM_VERSION, SKILLS, COMMUNES, users, MATCHES_ABOVE, stride, needsPerHub],
  )

  const vacuumStarted = performance.now()
  await client.query('VACUUM (ANALYZE)')
  log(`  VACUUM (ANALYZE) in ${((performance.now() - vacuumStarted) / 1000).toFixed(1)} s`)
  return { partners, needs: needsPerHub * 4, seconds: (performance.now() - started) / 1000 }
}

/** What the pass must deliver: every firm user (each has MATCHES_ABOVE new matching needs). */
export async function expectedRecipients(client: pg.Client): Promise<string[]> {
  const rows = await client.query<{ email: string }>(`SELECT email FROM "User" WHERE id LIKE 'bdg\\_u\\_%' ORDER BY email`)
  return rows.rows.map((row) => row.email)
}
