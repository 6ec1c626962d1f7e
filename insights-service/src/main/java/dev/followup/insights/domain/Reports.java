package dev.followup.insights.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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
 * The figures of {@link Report}, each table one sum over the period's roll-up rows ({@link Rollups}). A lead belongs
 * to the day it was received on, a task to the day it was given on, a touch to the day it was sent on.
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
        ElapsedCounts firstTexts = firstTexts(scope);
        return new Report(dealer.dealerId(), dealer.name(), period, source.orElse(null), funnel(scope, firstTexts),
                histogram(firstTexts), sources(scope), reps(scope), steps(scope));
    }

    /** Which roll-up rows a query covers: the dealer, the period's days, and the lead's source if asked. */
    private record Scope(UUID dealerId, Period period, Optional<String> source) {
        String where(String alias) {
            return " where " + alias + ".dealer_id = :dealer and " + alias + ".day between :from and :to"
                    + source.map(s -> " and " + alias + ".source = :source").orElse("");
        }

        Query bind(Query query) {
            query.setParameter("dealer", dealerId).setParameter("from", period.from()).setParameter("to", period.to());
            source.ifPresent(s -> query.setParameter("source", s));
            return query;
        }
    }

    private Funnel funnel(Scope scope, ElapsedCounts firstTexts) {
        Object[] row = (Object[]) scope.bind(em.createNativeQuery("""
                select sum(leads), sum(merges), sum(texted), sum(within_1_minute), sum(within_5_minutes),
                  sum(contacted), sum(replied), sum(opted_out), sum(appointments), sum(visits), sum(sold), sum(lost),
                  sum(never_opted_out), sum(never_no_mobile), sum(never_refused), sum(never_waiting)
                from lead_day d""" + scope.where("d"))).getSingleResult();
        long leads = number(row[0]);
        Map<String, Long> neverTexted = new LinkedHashMap<>();
        neverTexted.put("opted-out", number(row[12]));
        neverTexted.put("no-mobile", number(row[13]));
        neverTexted.put("refused", number(row[14]));
        neverTexted.put("waiting", number(row[15]));
        return new Funnel(leads, number(row[1]), number(row[2]), firstTexts.percentile(0.5), firstTexts.percentile(0.9),
                share(number(row[3]), leads), share(number(row[4]), leads), neverTexted, number(row[5]),
                number(row[6]), number(row[7]), number(row[8]), number(row[9]), number(row[10]), number(row[11]),
                share(number(row[5]), leads), share(number(row[6]), leads), share(number(row[7]), leads));
    }

    private ElapsedCounts firstTexts(Scope scope) {
        return ElapsedCounts.of(scope.bind(em.createNativeQuery("select seconds, sum(leads) from first_text_day d"
                + scope.where("d") + " group by seconds order by seconds")).getResultList());
    }

    private static List<HistogramBar> histogram(ElapsedCounts firstTexts) {
        List<HistogramBar> bars = new ArrayList<>();
        long below = 0;
        for (int i = 0; i < HISTOGRAM_LABELS.length; i++) {
            Long upTo = i < HISTOGRAM_SECONDS.length ? HISTOGRAM_SECONDS[i] : null;
            long upToHere = upTo == null ? firstTexts.total() : firstTexts.below(upTo);
            bars.add(new HistogramBar(HISTOGRAM_LABELS[i], upTo, upToHere - below));
            below = upToHere;
        }
        return bars;
    }

    private List<SourceRow> sources(Scope scope) {
        List<SourceRow> rows = new ArrayList<>();
        for (Object result : scope.bind(em.createNativeQuery("""
                select d.source, sum(leads), sum(texted), sum(replied), sum(appointments), sum(sold)
                from lead_day d""" + scope.where("d") + " group by d.source order by sum(leads) desc, d.source"))
                .getResultList()) {
            Object[] row = (Object[]) result;
            rows.add(new SourceRow((String) row[0], number(row[1]), number(row[2]), number(row[3]), number(row[4]),
                    number(row[5])));
        }
        return rows;
    }

    private List<RepRow> reps(Scope scope) {
        Map<UUID, Map<String, Long>> outcomes = new LinkedHashMap<>();
        for (Object result : scope.bind(em.createNativeQuery("select d.rep_id, d.outcome, sum(tasks) from rep_outcome_day d"
                + scope.where("d") + " group by d.rep_id, d.outcome")).getResultList()) {
            Object[] row = (Object[]) result;
            outcomes.computeIfAbsent((UUID) row[0], rep -> emptyOutcomes()).put((String) row[1], number(row[2]));
        }
        Map<UUID, List<Object>> replyToDone = new LinkedHashMap<>();
        for (Object result : scope.bind(em.createNativeQuery("select d.rep_id, d.seconds, sum(tasks) from rep_reply_day d"
                + scope.where("d") + " group by d.rep_id, d.seconds order by d.rep_id, d.seconds")).getResultList()) {
            Object[] row = (Object[]) result;
            replyToDone.computeIfAbsent((UUID) row[0], rep -> new ArrayList<>()).add(new Object[] {row[1], row[2]});
        }
        Map<UUID, Long> overdue = overdue(scope);
        List<RepRow> rows = new ArrayList<>();
        for (Object result : scope.bind(em.createNativeQuery("""
                select d.rep_id, coalesce(max(p.name), 'unknown rep'), sum(given), sum(done), sum(done_late),
                  sum(cancelled), sum(over_cap)
                from (select rep_id, given, done, done_late, cancelled, 0 as over_cap from rep_day d""" + scope.where("d")
                + " union all select rep_id, 0, 0, 0, 0, calls from rep_over_cap_day d" + scope.where("d") + """
                ) d left join rep p on p.rep_id = d.rep_id
                group by d.rep_id order by 2, 1""")).getResultList()) {
            Object[] row = (Object[]) result;
            UUID repId = (UUID) row[0];
            List<Object> waits = replyToDone.get(repId);
            rows.add(new RepRow(repId, (String) row[1], number(row[2]), number(row[3]), number(row[4]),
                    overdue.getOrDefault(repId, 0L), number(row[5]), number(row[6]),
                    outcomes.getOrDefault(repId, emptyOutcomes()), waits == null ? null : ElapsedCounts.of(waits).percentile(0.5)));
        }
        return rows;
    }

    /**
     * Open tasks past their due time depend on the clock. A day whose open tasks were all due before now counts
     * them from its roll-up row; from the first day with an open task not yet due, they are counted from the facts.
     */
    private Map<UUID, Long> overdue(Scope scope) {
        Instant now = clock.instant();
        Object firstLive = scope.bind(em.createNativeQuery("select min(day) from rep_day d" + scope.where("d")
                + " and d.open_due_max >= :now")).setParameter("now", now).getSingleResult();
        LocalDate liveFrom = firstLive == null ? null : (LocalDate) firstLive;
        Map<UUID, Long> overdue = new LinkedHashMap<>();
        Query rolled = scope.bind(em.createNativeQuery("select d.rep_id, sum(open_tasks) from rep_day d" + scope.where("d")
                + (liveFrom == null ? "" : " and d.day < :liveFrom") + " group by d.rep_id"));
        if (liveFrom != null) {
            rolled.setParameter("liveFrom", liveFrom);
        }
        add(overdue, rolled.getResultList());
        if (liveFrom != null) {
            Query live = em.createNativeQuery("""
                    select t.rep_id, count(*) from task_fact t left join lead_fact l on l.lead_id = t.lead_id
                    where t.dealer_id = :dealer and t.created_at >= :start and t.created_at < :end
                      and t.completed_at is null and t.cancelled_at is null and t.due_at < :now"""
                    + scope.source().map(s -> " and l.source = :source").orElse("") + " group by t.rep_id")
                    .setParameter("dealer", scope.dealerId())
                    .setParameter("start", liveFrom.atStartOfDay(scope.period().zone()).toInstant())
                    .setParameter("end", scope.period().end()).setParameter("now", now);
            scope.source().ifPresent(s -> live.setParameter("source", s));
            add(overdue, live.getResultList());
        }
        return overdue;
    }

    private static void add(Map<UUID, Long> totals, List<?> rows) {
        for (Object result : rows) {
            Object[] row = (Object[]) result;
            totals.merge((UUID) row[0], number(row[1]), Long::sum);
        }
    }

    private List<StepRow> steps(Scope scope) {
        Map<String, long[]> heldOut = holdouts(scope);
        List<StepRow> rows = new ArrayList<>();
        for (Object result : scope.bind(em.createNativeQuery("""
                select d.step_id, d.channel, sum(sent), sum(replies), sum(appointments), sum(opt_outs)
                from step_day d""" + scope.where("d") + " group by 1, 2 order by min(first_offset) nulls last, 1"))
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
                select d.step_id, d.channel, sum(leads), sum(replies), sum(appointments)
                from holdout_day d""" + scope.where("d") + " group by 1, 2 order by 1")).getResultList()) {
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
