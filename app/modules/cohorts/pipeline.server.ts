import { prisma } from '#app/utils/db.server'

/**
 * Each cohort member's pipeline, in one statement whatever the number of firms. What counts (see
 * docs/decisions/0025-accelerator-cohorts.md): the applications the firm leads (consortium
 * partners are not counted), within the cohort's dates — from its first day to the end of its
 * last, a date not set leaving that side open — as `cohortWindow` in progress.ts says (whenever the
 * firm joined: a contract signed during the programme counts, even before the firm was added):
 * - applications: submitted in the window (drafts never count);
 * - shortlisted: applications moved to SHORTLISTED in the window (once each);
 * - pilots: deals started in the window; contracts and value won: contracts signed in the window;
 * - last activity: the latest submission, status change, deal change or message on the firm's
 *   submitted applications, whenever it was.
 */
export interface FirmPipeline {
  cohortId: string
  firmId: string
  applications: number
  shortlisted: number
  pilots: number
  contracts: number
  wonEur: number
  lastActivity: Date | null
}

export async function firmPipelines(cohortIds: string[]): Promise<FirmPipeline[]> {
  if (cohortIds.length === 0) return []
  return prisma.$queryRaw<FirmPipeline[]>`
    WITH members AS (
      SELECT cm."cohortId", cm."organisationId" AS "firmId",
             COALESCE(c."startsOn", '-infinity'::timestamp) AS ws,
             CASE WHEN c."endsOn" IS NULL THEN 'infinity'::timestamp ELSE c."endsOn" + interval '1 day' END AS we
        FROM "CohortMember" cm JOIN "Cohort" c ON c.id = cm."cohortId"
       WHERE cm."cohortId" = ANY(${cohortIds})
    ),
    apps AS (
      SELECT a.id, a."firmId", a."submittedAt"
        FROM "Application" a
       WHERE a."submittedAt" IS NOT NULL AND a."firmId" IN (SELECT "firmId" FROM members)
    )
    SELECT m."cohortId", m."firmId",
           (SELECT count(*) FROM apps a WHERE a."firmId" = m."firmId" AND a."submittedAt" >= m.ws AND a."submittedAt" < m.we)::int AS applications,
           (SELECT count(DISTINCT a.id) FROM apps a JOIN "StatusChange" s ON s."applicationId" = a.id
             WHERE a."firmId" = m."firmId" AND s."toStatus" = 'SHORTLISTED' AND s.at >= m.ws AND s.at < m.we)::int AS shortlisted,
           (SELECT count(*) FROM apps a JOIN "Deal" d ON d."applicationId" = a.id
             WHERE a."firmId" = m."firmId" AND d."createdAt" >= m.ws AND d."createdAt" < m.we)::int AS pilots,
           (SELECT count(*) FROM apps a JOIN "Deal" d ON d."applicationId" = a.id
             WHERE a."firmId" = m."firmId" AND d."contractSignedAt" >= m.ws AND d."contractSignedAt" < m.we)::int AS contracts,
           (SELECT COALESCE(sum(d."contractValueEur"), 0) FROM apps a JOIN "Deal" d ON d."applicationId" = a.id
             WHERE a."firmId" = m."firmId" AND d."contractSignedAt" >= m.ws AND d."contractSignedAt" < m.we)::float8 AS "wonEur",
           GREATEST(
             (SELECT max(a."submittedAt") FROM apps a WHERE a."firmId" = m."firmId"),
             (SELECT max(s.at) FROM apps a JOIN "StatusChange" s ON s."applicationId" = a.id WHERE a."firmId" = m."firmId"),
             (SELECT max(d."updatedAt") FROM apps a JOIN "Deal" d ON d."applicationId" = a.id WHERE a."firmId" = m."firmId"),
             (SELECT max(x."createdAt") FROM apps a JOIN "Message" x ON x."applicationId" = a.id WHERE a."firmId" = m."firmId")
           ) AS "lastActivity"
      FROM members m`
}
