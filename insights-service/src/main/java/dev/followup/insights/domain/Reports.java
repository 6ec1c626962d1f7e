package dev.followup.insights.domain;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import dev.followup.insights.domain.Report.Funnel;
import dev.followup.insights.domain.Report.HistogramBar;
import dev.followup.insights.domain.Report.Holdout;
import dev.followup.insights.domain.Report.Lift;
import dev.followup.insights.domain.Report.RepRow;
import dev.followup.insights.domain.Report.SourceRow;
import dev.followup.insights.domain.Report.StepRow;

/**
 * The figures of {@link Report}, each table one aggregate query over the read model. A lead belongs to the period
 * it was received in, a task to the period it was given in, a touch to the period it was sent in.
 */
@ApplicationScoped
public class Reports {
    private static final long[] HISTOGRAM_SECONDS = {10, 30, 60, 300, 1800, 7200};
    private static final String[] HISTOGRAM_LABELS = {"< 10 s", "10-30 s", "30-60 s", "1-5 min", "5-30 min", "30 min-2 h", "> 2 h"};

    private final EntityManager em;
    private final Clock clock;

    public Reports(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    public Report report(Dealer dealer, Period period, Optional<String> source) {
        Scope scope = new Scope(dealer.dealerId(), period, source);
        return new Report(dealer.dealerId(), dealer.name(), period, source.orElse(null), funnel(scope),
                histogram(scope), sources(scope), reps(scope), steps(scope));
    }

    /** Which rows a query covers: the dealer, a time column inside the period, and the lead's source if asked. */
    private record Scope(UUID dealerId, Period period, Optional<String> source) {
        String where(String alias, String timeColumn) {
            return " where " + alias + ".dealer_id = :dealer and " + alias + "." + timeColumn + " >= :start and "
                    + alias + "." + timeColumn + " < :end"
                    + source.map(s -> " and l.source = :source").orElse("");
        }

        Query bind(Query query) {
            query.setParameter("dealer", dealerId).setParameter("start", period.start())
                    .setParameter("end", period.end());
            source.ifPresent(s -> query.setParameter("source", s));
            return query;
        }
    }

    private Funnel funnel(Scope scope) {
        Object[] row = (Object[]) scope.bind(em.createNativeQuery("""
                select count(*), coalesce(sum(l.merges), 0), count(l.first_text_at),
                  percentile_cont(0.5) within group (order by extract(epoch from l.first_text_at - l.received_at)),
                  percentile_cont(0.9) within group (order by extract(epoch from l.first_text_at - l.received_at)),
                  count(*) filter (where l.first_text_at - l.received_at <= interval '1 minute'),
                  count(*) filter (where l.first_text_at - l.received_at <= interval '5 minutes'),
                  count(*) filter (where l.replied_at is not null or l.reached_at is not null),
                  count(l.replied_at), count(l.opted_out_at), count(l.appointment_at), count(l.visited_at),
                  count(*) filter (where l.status = 'sold'), count(*) filter (where l.status = 'lost')
                from lead_fact l""" + scope.where("l", "received_at"))).getSingleResult();
        long leads = number(row[0]);
        Map<String, Long> neverTexted = new LinkedHashMap<>();
        for (String reason : List.of("opted-out", "no-mobile", "refused", "waiting")) {
            neverTexted.put(reason, 0L);
        }
        for (Object result : scope.bind(em.createNativeQuery("""
                select case when l.opted_out_at is not null then 'opted-out'
                            when l.textable is false then 'no-mobile'
                            when l.last_refusal is not null then 'refused'
                            else 'waiting' end, count(*)
                from lead_fact l""" + scope.where("l", "received_at") + " and l.first_text_at is null group by 1"))
                .getResultList()) {
            Object[] reason = (Object[]) result;
            neverTexted.put((String) reason[0], number(reason[1]));
        }
        return new Funnel(leads, number(row[1]), number(row[2]), decimal(row[3]), decimal(row[4]),
                share(number(row[5]), leads), share(number(row[6]), leads), neverTexted, number(row[7]),
                number(row[8]), number(row[9]), number(row[10]), number(row[11]), number(row[12]), number(row[13]),
                share(number(row[7]), leads), share(number(row[8]), leads), share(number(row[9]), leads));
    }

    private List<HistogramBar> histogram(Scope scope) {
        StringBuilder buckets = new StringBuilder("case");
        for (int i = 0; i < HISTOGRAM_SECONDS.length; i++) {
            buckets.append(" when l.first_text_at - l.received_at < interval '").append(HISTOGRAM_SECONDS[i])
                    .append(" seconds' then ").append(i);
        }
        buckets.append(" else ").append(HISTOGRAM_SECONDS.length).append(" end");
        long[] counts = new long[HISTOGRAM_LABELS.length];
        for (Object result : scope.bind(em.createNativeQuery("select " + buckets + ", count(*) from lead_fact l"
                + scope.where("l", "received_at") + " and l.first_text_at is not null group by 1")).getResultList()) {
            Object[] row = (Object[]) result;
            counts[(int) number(row[0])] = number(row[1]);
        }
        List<HistogramBar> bars = new ArrayList<>();
        for (int i = 0; i < HISTOGRAM_LABELS.length; i++) {
            bars.add(new HistogramBar(HISTOGRAM_LABELS[i], i < HISTOGRAM_SECONDS.length ? HISTOGRAM_SECONDS[i] : null,
                    counts[i]));
        }
        return bars;
    }

    private List<SourceRow> sources(Scope scope) {
        List<SourceRow> rows = new ArrayList<>();
        for (Object result : scope.bind(em.createNativeQuery("""
                select l.source, count(*), count(l.first_text_at), count(l.replied_at), count(l.appointment_at),
                  count(*) filter (where l.status = 'sold')
                from lead_fact l""" + scope.where("l", "received_at") + " group by l.source order by count(*) desc, l.source"))
                .getResultList()) {
            Object[] row = (Object[]) result;
            rows.add(new SourceRow((String) row[0], number(row[1]), number(row[2]), number(row[3]), number(row[4]),
                    number(row[5])));
        }
        return rows;
    }

    private List<RepRow> reps(Scope scope) {
        String tasks = " from task_fact t left join rep p on p.rep_id = t.rep_id left join lead_fact l on l.lead_id = t.lead_id"
                + scope.where("t", "created_at");
        Map<UUID, Map<String, Long>> outcomes = new LinkedHashMap<>();
        for (Object result : scope.bind(em.createNativeQuery("select t.rep_id, t.outcome, count(*)" + tasks
                + " and t.outcome is not null group by t.rep_id, t.outcome")).getResultList()) {
            Object[] row = (Object[]) result;
            outcomes.computeIfAbsent((UUID) row[0], rep -> emptyOutcomes()).put((String) row[1], number(row[2]));
        }
        Map<UUID, Double> replyToDone = new LinkedHashMap<>();
        for (Object result : scope.bind(em.createNativeQuery("""
                select t.rep_id, percentile_cont(0.5) within group (order by extract(epoch from t.completed_at
                    - coalesce((select max(r.received_at) from reply r where r.lead_id = t.lead_id
                                and r.intent = 'other' and r.received_at <= t.created_at), t.created_at)))"""
                + tasks + " and t.kind = 'replied-customer' and t.completed_at is not null group by t.rep_id"))
                .getResultList()) {
            Object[] row = (Object[]) result;
            replyToDone.put((UUID) row[0], decimal(row[1]));
        }
        List<RepRow> rows = new ArrayList<>();
        for (Object result : scope.bind(em.createNativeQuery("""
                select t.rep_id, coalesce(max(p.name), 'unknown rep'), count(*), count(t.completed_at),
                  count(*) filter (where t.completed_at > t.due_at),
                  count(*) filter (where t.completed_at is null and t.cancelled_at is null and t.due_at < :now),
                  count(t.cancelled_at)""" + tasks + " group by t.rep_id order by 2, 1").setParameter("now", clock.instant())).getResultList()) {
            Object[] row = (Object[]) result;
            UUID repId = (UUID) row[0];
            rows.add(new RepRow(repId, (String) row[1], number(row[2]), number(row[3]), number(row[4]),
                    number(row[5]), number(row[6]), outcomes.getOrDefault(repId, emptyOutcomes()),
                    replyToDone.get(repId)));
        }
        return rows;
    }

    private List<StepRow> steps(Scope scope) {
        Map<String, long[]> heldOut = holdouts(scope);
        List<StepRow> rows = new ArrayList<>();
        for (Object result : scope.bind(em.createNativeQuery("""
                select coalesce(t.step_id, t.purpose, 'unknown'), t.channel, count(*),
                  count(*) filter (where exists (select 1 from reply r where r.lead_id = t.lead_id
                      and r.intent = 'other' and r.received_at >= t.sent_at
                      and r.received_at < t.sent_at + interval '48 hours')),
                  count(*) filter (where l.appointment_at >= t.sent_at and l.appointment_at < t.sent_at + interval '7 days'),
                  count(*) filter (where l.opted_out_at >= t.sent_at and l.opted_out_at < t.sent_at + interval '48 hours')
                from touch t left join lead_fact l on l.lead_id = t.lead_id"""
                + scope.where("t", "sent_at")
                + " group by 1, 2 order by min(extract(epoch from t.sent_at - l.received_at)) nulls last, 1"))
                .getResultList()) {
            Object[] row = (Object[]) result;
            rows.add(step((String) row[0], (String) row[1], number(row[2]), number(row[3]), number(row[4]),
                    number(row[5]), heldOut.remove(row[0] + " " + row[1])));
        }
        heldOut.forEach((key, control) -> rows.add(step(key.substring(0, key.lastIndexOf(' ')),
                key.substring(key.lastIndexOf(' ') + 1), 0, 0, 0, 0, control)));
        return rows;
    }

    private static StepRow step(String step, String channel, long sent, long replies, long appointments, long optOuts,
            long[] control) {
        Holdout holdout = control == null ? null : new Holdout(control[0], control[1], control[2],
                share(control[1], control[0]), share(control[2], control[0]), Lift.of(replies, sent, control[1], control[0]),
                Lift.of(appointments, sent, control[2], control[0]));
        return new StepRow(step, channel, sent, replies, appointments, optOuts, share(replies, sent),
                share(optOuts, sent), share(appointments, sent), holdout);
    }

    /** Per "step channel": held-out leads, their replies within 48 hours and appointments within 7 days. */
    private Map<String, long[]> holdouts(Scope scope) {
        Map<String, long[]> control = new LinkedHashMap<>();
        for (Object result : scope.bind(em.createNativeQuery("""
                select h.step_id, h.channel, count(*),
                  count(*) filter (where exists (select 1 from reply r where r.lead_id = h.lead_id
                      and r.intent = 'other' and r.received_at >= h.held_out_at
                      and r.received_at < h.held_out_at + interval '48 hours')),
                  count(*) filter (where l.appointment_at >= h.held_out_at
                      and l.appointment_at < h.held_out_at + interval '7 days')
                from holdout h left join lead_fact l on l.lead_id = h.lead_id""" + scope.where("h", "held_out_at")
                + " group by 1, 2 order by 1")).getResultList()) {
            Object[] row = (Object[]) result;
            control.put(row[0] + " " + row[1], new long[] {number(row[2]), number(row[3]), number(row[4])});
        }
        return control;
    }

    private static Map<String, Long> emptyOutcomes() {
        Map<String, Long> outcomes = new LinkedHashMap<>();
        Outcome.ALL.forEach(outcome -> outcomes.put(outcome, 0L));
        return outcomes;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Double decimal(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
