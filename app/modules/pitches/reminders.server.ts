import { localesOf } from "#app/modules/reminders/recipients.server";
import { charterReminder, middayOf } from "#app/modules/reminders/schedule";
import { onDay } from "#app/i18n/format";
import { loadActors } from "#app/modules/auth/actors.server";
import { notify } from "#app/modules/notifications/notifications.server";
import { pitchViewFor } from "#app/modules/policy/policy";
import { prisma, transaction } from "#app/utils/db.server";
import { getEnv } from "#app/utils/env.server";

/**
 * The charter's reminders for pitches (decision 0028), as for applications
 * (app/modules/reminders): to the partner's members, two days before the due day of a sent,
 * unanswered pitch and on the day, each once — its `ReminderSent` key is inserted in the same
 * transaction as its notifications and e-mails, and names the delay (a changed delay reminds anew).
 * Recipients are those the pitch page lets in as the partner (`pitchViewFor`).
 */
export async function sendPitchCharterReminders(now: Date) {
  // Sent within the longest window a reminder may fall in: delay + 2 days either side.
  const rows = await prisma.$queryRaw<
    Array<{
      id: string;
      title: string;
      firmId: string;
      partnerId: string;
      hubId: string;
      status: string;
      sentAt: Date;
      firmName: string;
      charterDays: number;
    }>
  >`
    SELECT pt.id, pt.title, pt."firmId", pt."partnerId", pt."hubId", pt.status::text AS status, pt."sentAt", f.name AS "firmName",
      COALESCE(p."charterResponseDays", h."charterResponseDays")::int AS "charterDays"
    FROM "Pitch" pt
    JOIN "Organisation" p ON p.id = pt."partnerId"
    JOIN "Organisation" f ON f.id = pt."firmId"
    JOIN "Hub" h ON h.id = p."homeHubId"
    WHERE pt.status = 'SENT' AND pt."sentAt" IS NOT NULL
      AND pt."sentAt" + make_interval(days => COALESCE(p."charterResponseDays", h."charterResponseDays") + 2) > ${now}
      AND pt."sentAt" + make_interval(days => COALESCE(p."charterResponseDays", h."charterResponseDays") - 4) < ${now}`;
  const appUrl = getEnv().APP_URL;
  let sent = 0;
  for (const row of rows) {
    const reminder = charterReminder(row.sentAt, row.charterDays, now);
    if (!reminder) continue;
    const members = await prisma.membership.findMany({
      where: { organisationId: row.partnerId },
      select: { userId: true },
    });
    const actors = await loadActors(members.map((member) => member.userId));
    const userIds = [...actors.values()]
      .filter(
        (actor) =>
          pitchViewFor(actor, { ...row, sentAt: row.sentAt }) === "partner"
      )
      .map((actor) => actor.userId);
    if (userIds.length === 0) continue;
    const locales = await localesOf(userIds);
    const link = `/pitches/${row.id}`;
    const kind =
      reminder.stage === "soon"
        ? "pitches:charter-soon"
        : "pitches:charter-due";
    const done = await transaction(async (tx) => {
      const claimed = await tx.db
        .$executeRaw`INSERT INTO "ReminderSent" (key) VALUES (${`pitch-charter-${reminder.stage}:${row.id}:${row.charterDays}d`}) ON CONFLICT (key) DO NOTHING`;
      if (claimed === 0) return false;
      // One call per recipient: each e-mail is filed under its own recipient (read by nobody in the outbox).
      for (const userId of userIds) {
        await notify(tx, {
          category: "MY_NEEDS",
          userIds: [userId],
          kind,
          payload: {
            pitchId: row.id,
            title: row.title,
            other: row.firmName,
            count: reminder.daysLeft,
          },
          link,
          pitchId: row.id,
          email: {
            about: { type: "USER", id: userId },
            kind: kind.replace("pitches:", "pitch-"),
            template: (user) => {
              const where = locales.get(user.id) ?? {
                locale: "fr" as const,
                timeZone: "Europe/Paris",
              };
              const data = {
                name: user.name,
                pitchTitle: row.title,
                otherName: row.firmName,
                link: `${appUrl}${link}`,
              };
              return reminder.stage === "soon"
                ? {
                    name: "pitches.charterSoon",
                    data: {
                      ...data,
                      dueOn: onDay(
                        middayOf(reminder.dueDay),
                        where.locale,
                        where.timeZone
                      ),
                    },
                  }
                : { name: "pitches.charterDue", data };
            },
          },
        });
      }
      return true;
    });
    if (done) sent++;
  }
  return sent;
}
