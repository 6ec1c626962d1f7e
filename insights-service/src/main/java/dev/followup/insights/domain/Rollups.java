package dev.followup.insights.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Keeps the roll-up tables (V3__rollups.sql) equal to what the facts say. The consumers mark a lead stale whenever
 * one of its facts changes; a pass turns stale leads into the dealer days their facts fall on, then recomputes each
 * stale day from the facts, once however many of its leads changed. Every figure of a day depends only on the facts
 * of that day's leads, tasks, touches, holdouts and calls over the cap, so recomputing the days of the changed leads
 * is enough.
 */
@ApplicationScoped
public class Rollups {
    private static final List<String> TABLES = List.of("lead_day", "first_text_day", "rep_day", "rep_outcome_day",
            "rep_reply_day", "rep_over_cap_day", "step_day", "holdout_day");

    private final EntityManager em;

    public Rollups(EntityManager em) {
        this.em = em;
    }

    /**
     * The dealer's days are counted in another time zone now (or the dealer was unknown until now): every day it
     * has figures on and every day its facts fall on are rolled up again.
     */
    public void dealerRezoned(UUID dealerId) {
        em.createNativeQuery("""
                insert into stale_day (dealer_id, day) select distinct dealer_id, day from lead_day where dealer_id = ?1
                union select dealer_id, day from rep_day where dealer_id = ?1
                union select dealer_id, day from step_day where dealer_id = ?1
                union select dealer_id, day from holdout_day where dealer_id = ?1
                union select dealer_id, day from rep_over_cap_day where dealer_id = ?1
                on conflict do nothing""").setParameter(1, dealerId).executeUpdate();
        em.createNativeQuery("""
                insert into stale_lead (lead_id)
                select lead_id from lead_fact where dealer_id = ?1 union select lead_id from touch where dealer_id = ?1
                union select lead_id from task_fact where dealer_id = ?1 union select lead_id from holdout where dealer_id = ?1
                union select lead_id from over_cap where dealer_id = ?1
                on conflict do nothing""").setParameter(1, dealerId).executeUpdate();
    }

    /**
     * Turns up to {@code batch} stale leads into the dealer days their facts fall on; leads another replica holds
     * are skipped. A lead of a dealer not read yet has no days: it is marked again when the dealer arrives.
     *
     * @return how many stale leads were taken
     */
    @Transactional
    public int staleLeadsToDays(int batch) {
        // Taken by deleting first: a consumer marking one of these leads again meanwhile waits for this transaction
        // and marks it anew, so a change this pass may not see is never lost.
        List<?> leads = em.createNativeQuery("""
                delete from stale_lead where lead_id in (select lead_id from stale_lead limit ?1 for update skip locked)
                returning lead_id""").setParameter(1, batch).getResultList();
        if (leads.isEmpty()) {
            return 0;
        }
        TreeSet<DealerDay> days = new TreeSet<>();
        for (Object result : em.createNativeQuery("""
                select f.dealer_id, d.time_zone, f.at from (
                  select dealer_id, received_at as at from lead_fact where lead_id in (:leads)
                  union all select dealer_id, sent_at from touch where lead_id in (:leads)
                  union all select dealer_id, created_at from task_fact where lead_id in (:leads)
                  union all select dealer_id, held_out_at from holdout where lead_id in (:leads)
                  union all select dealer_id, decided_at from over_cap where lead_id in (:leads)
                ) f join dealer d on d.dealer_id = f.dealer_id where f.at is not null""")
                .setParameter("leads", leads).getResultList()) {
            Object[] row = (Object[]) result;
            ZoneId zone = ZoneId.of((String) row[1]);
            days.add(new DealerDay((UUID) row[0], instant(row[2]).atZone(zone).toLocalDate(), zone));
        }
        // In one order, so two replicas' passes that share days wait for each other instead of deadlocking.
        for (DealerDay day : days) {
            em.createNativeQuery("insert into stale_day (dealer_id, day) values (?1, ?2) on conflict do nothing")
                    .setParameter(1, day.dealerId()).setParameter(2, day.day()).executeUpdate();
        }
        return leads.size();
    }

    /**
     * Recomputes up to {@code batch} stale days from the facts, in the dealer's current time zone; days another
     * replica holds are skipped.
     *
     * @return how many days were recomputed
     */
    @Transactional
    public int recomputeStaleDays(int batch) {
        // Deleted first, as the stale leads are, so a day marked again meanwhile is recomputed again.
        List<?> stale = em.createNativeQuery("""
                delete from stale_day s using dealer d
                where d.dealer_id = s.dealer_id and (s.dealer_id, s.day) in (
                    select dealer_id, day from stale_day order by dealer_id, day limit ?1 for update skip locked)
                returning s.dealer_id, s.day, d.time_zone""").setParameter(1, batch).getResultList();
        for (Object result : stale) {
            Object[] row = (Object[]) result;
            recompute(new DealerDay((UUID) row[0], (LocalDate) row[1], ZoneId.of((String) row[2])));
        }
        return stale.size();
    }

    private static Instant instant(Object timestamp) {
        return timestamp instanceof java.time.OffsetDateTime at ? at.toInstant()
                : timestamp instanceof java.sql.Timestamp at ? at.toInstant() : (Instant) timestamp;
    }

    private record DealerDay(UUID dealerId, LocalDate day, ZoneId zone) implements Comparable<DealerDay> {
        Instant start() {
            return day.atStartOfDay(zone).toInstant();
        }

        Instant end() {
            return day.plusDays(1).atStartOfDay(zone).toInstant();
        }

        @Override
        public int compareTo(DealerDay other) {
            int byDealer = dealerId.compareTo(other.dealerId);
            return byDealer != 0 ? byDealer : day.compareTo(other.day);
        }
    }

    private void recompute(DealerDay day) {
        for (String table : TABLES) {
            em.createNativeQuery("delete from " + table + " where dealer_id = ?1 and day = ?2")
                    .setParameter(1, day.dealerId()).setParameter(2, day.day()).executeUpdate();
        }
        insert(day, """
                insert into lead_day (dealer_id, day, source, leads, merges, texted, within_1_minute, within_5_minutes,
                    contacted, replied, opted_out, appointments, visits, sold, lost,
                    never_opted_out, never_no_mobile, never_refused, never_waiting)
                select :dealer, :day, l.source, count(*), coalesce(sum(l.merges), 0), count(l.first_text_at),
                  count(*) filter (where l.first_text_at - l.received_at <= interval '1 minute'),
                  count(*) filter (where l.first_text_at - l.received_at <= interval '5 minutes'),
                  count(*) filter (where l.replied_at is not null or l.reached_at is not null),
                  count(l.replied_at), count(l.opted_out_at), count(l.appointment_at), count(l.visited_at),
                  count(*) filter (where l.status = 'sold'), count(*) filter (where l.status = 'lost'),
                  count(*) filter (where l.first_text_at is null and l.opted_out_at is not null),
                  count(*) filter (where l.first_text_at is null and l.opted_out_at is null and l.textable is false),
                  count(*) filter (where l.first_text_at is null and l.opted_out_at is null
                      and l.textable is not false and l.last_refusal is not null),
                  count(*) filter (where l.first_text_at is null and l.opted_out_at is null
                      and l.textable is not false and l.last_refusal is null)
                from lead_fact l
                where l.dealer_id = :dealer and l.received_at >= :start and l.received_at < :end
                group by l.source""");
        insert(day, """
                insert into first_text_day (dealer_id, day, source, seconds, leads)
                select :dealer, :day, l.source, elapsed_bucket(extract(epoch from l.first_text_at - l.received_at)), count(*)
                from lead_fact l
                where l.dealer_id = :dealer and l.received_at >= :start and l.received_at < :end
                  and l.first_text_at is not null
                group by 3, 4""");
        String tasks = """
                from task_fact t left join lead_fact l on l.lead_id = t.lead_id
                where t.dealer_id = :dealer and t.created_at >= :start and t.created_at < :end""";
        insert(day, """
                insert into rep_day (dealer_id, day, source, rep_id, given, done, done_late, cancelled, open_tasks,
                    open_due_max)
                select :dealer, :day, l.source, t.rep_id, count(*), count(t.completed_at),
                  count(*) filter (where t.completed_at > t.due_at), count(t.cancelled_at),
                  count(*) filter (where t.completed_at is null and t.cancelled_at is null and t.due_at is not null),
                  max(t.due_at) filter (where t.completed_at is null and t.cancelled_at is null)
                """ + tasks + " group by l.source, t.rep_id");
        insert(day, """
                insert into rep_outcome_day (dealer_id, day, source, rep_id, outcome, tasks)
                select :dealer, :day, l.source, t.rep_id, t.outcome, count(*)
                """ + tasks + " and t.outcome is not null group by l.source, t.rep_id, t.outcome");
        insert(day, """
                insert into rep_reply_day (dealer_id, day, source, rep_id, seconds, tasks)
                select :dealer, :day, l.source, t.rep_id, elapsed_bucket(extract(epoch from t.completed_at
                    - coalesce((select max(r.received_at) from reply r where r.lead_id = t.lead_id
                                and """ + Intent.IS_CONVERSATION + """
                                and r.received_at <= t.created_at), t.created_at))), count(*)
                """ + tasks + " and t.kind = 'replied-customer' and t.completed_at is not null group by 3, 4, 5");
        insert(day, """
                insert into rep_over_cap_day (dealer_id, day, source, rep_id, calls)
                select :dealer, :day, l.source, o.rep_id, count(*)
                from over_cap o left join lead_fact l on l.lead_id = o.lead_id
                where o.dealer_id = :dealer and o.decided_at >= :start and o.decided_at < :end
                group by l.source, o.rep_id""");
        insert(day, """
                insert into step_day (dealer_id, day, source, step_id, channel, sent, replies, appointments, opt_outs,
                    first_offset)
                select :dealer, :day, l.source, coalesce(t.step_id, t.purpose, 'unknown'), t.channel, count(*),
                  count(*) filter (where exists (select 1 from reply r where r.lead_id = t.lead_id
                      and """ + Intent.IS_CONVERSATION + """
                      and r.received_at >= t.sent_at
                      and r.received_at < t.sent_at + interval '48 hours')),
                  count(*) filter (where l.appointment_at >= t.sent_at and l.appointment_at < t.sent_at + interval '7 days'),
                  count(*) filter (where l.opted_out_at >= t.sent_at and l.opted_out_at < t.sent_at + interval '48 hours'),
                  min(extract(epoch from t.sent_at - l.received_at))
                from touch t left join lead_fact l on l.lead_id = t.lead_id
                where t.dealer_id = :dealer and t.sent_at >= :start and t.sent_at < :end
                group by 3, 4, 5""");
        insert(day, """
                insert into holdout_day (dealer_id, day, source, step_id, channel, leads, replies, appointments)
                select :dealer, :day, l.source, h.step_id, h.channel, count(*),
                  count(*) filter (where exists (select 1 from reply r where r.lead_id = h.lead_id
                      and """ + Intent.IS_CONVERSATION + """
                      and r.received_at >= h.held_out_at
                      and r.received_at < h.held_out_at + interval '48 hours')),
                  count(*) filter (where l.appointment_at >= h.held_out_at
                      and l.appointment_at < h.held_out_at + interval '7 days')
                from holdout h left join lead_fact l on l.lead_id = h.lead_id
                where h.dealer_id = :dealer and h.held_out_at >= :start and h.held_out_at < :end
                group by 3, 4, 5""");
    }

    private void insert(DealerDay day, String sql) {
        em.createNativeQuery(sql).setParameter("dealer", day.dealerId()).setParameter("day", day.day())
                .setParameter("start", day.start()).setParameter("end", day.end()).executeUpdate();
    }
}
