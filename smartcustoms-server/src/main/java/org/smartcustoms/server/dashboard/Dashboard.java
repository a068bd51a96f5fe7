package org.smartcustoms.server.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.smartcustoms.risk.Channel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Management figures for a period (declarations submitted from {@code from} to {@code to} inclusive): volume
 * per day, channel mix, how often a control finds something per channel and per rule (the evidence for tuning
 * rules and thresholds), revenue recovered by inspections and how long release takes.
 *
 * <p>Hit rates count declarations, not results: inspected = has at least one result, irregular = at least one
 * result found an irregularity. Rule hits come from the {@code ruleVersions} array of the stored risk decision.
 */
@Service
public class Dashboard {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CHANNELS = java.util.Arrays.stream(Channel.values()).map(Channel::name).toList();
    private final DashboardStore store;
    private final String nationalCurrency;

    public Dashboard(DashboardStore store, @Value("${smartcustoms.national-currency:}") String nationalCurrency) {
        this.store = store;
        this.nationalCurrency = nationalCurrency;
    }

    public record DayCount(LocalDate date, long count) { }

    public record HitRate(long inspected, long irregular, double rate) {
        static HitRate of(long inspected, long irregular) {
            return new HitRate(inspected, irregular, inspected == 0 ? 0 : Math.round(irregular * 10000.0 / inspected) / 10000.0);
        }
    }

    public record RuleHitRate(String rule, long hits, long inspected, long irregular, double rate) { }

    public record Amount(BigDecimal amount, String currency) { }

    public record ReleaseTime(long count, Double medianHours, Double p90Hours) { }

    /**
     * The whole dashboard; {@code revenueRecoveredOther} lists additional duty recorded in other currencies,
     * {@code releaseTimePerChannel} the release time of the declarations routed to each channel.
     */
    public record View(LocalDate from, LocalDate to, List<DayCount> perDay, Map<String, Long> channelMix,
                       Map<String, HitRate> hitRatePerChannel, List<RuleHitRate> hitRatePerRule,
                       Amount revenueRecovered, List<Amount> revenueRecoveredOther, ReleaseTime releaseTime,
                       Map<String, ReleaseTime> releaseTimePerChannel) { }

    @Transactional(readOnly = true)
    public View view(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) throw new IllegalArgumentException("from must not be after to");
        if (Duration.between(from.atStartOfDay(), to.atStartOfDay()).toDays() > 3660) throw new IllegalArgumentException("period longer than ten years");
        LocalDateTime lo = from.atStartOfDay();
        LocalDateTime hi = to.plusDays(1).atStartOfDay();

        // per-declaration facts of the period, one pass
        Map<LocalDate, Long> perDay = new TreeMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) perDay.put(d, 0L);
        Map<String, Long> mix = new LinkedHashMap<>();
        CHANNELS.forEach(c -> mix.put(c, 0L));
        Map<String, String> channelOf = new HashMap<>();
        Map<String, List<String>> rulesOf = new HashMap<>();
        store.declarationsSubmitted(lo, hi, row -> {
            String id = row.id();
            perDay.merge(row.submittedAt().toLocalDate(), 1L, Long::sum);
            String ch = row.riskChannel();
            if (ch != null) {
                mix.merge(ch, 1L, Long::sum);
                channelOf.put(id, ch);
            }
            List<String> rules = rules(row.riskDecision());
            if (!rules.isEmpty()) rulesOf.put(id, rules);
        });

        Set<String> inspected = new HashSet<>();
        Set<String> irregular = new HashSet<>();
        store.outcomesOfDeclarationsSubmitted(lo, hi, row -> {
            inspected.add(row.declarationId());
            if (org.smartcustoms.server.inspection.InspectionOutcome.irregular(row.outcome())) irregular.add(row.declarationId());
        });

        Map<String, HitRate> perChannel = new LinkedHashMap<>();
        for (String c : CHANNELS) {
            long n = inspected.stream().filter(id -> c.equals(channelOf.get(id))).count();
            long k = irregular.stream().filter(id -> c.equals(channelOf.get(id))).count();
            perChannel.put(c, HitRate.of(n, k));
        }

        Map<String, long[]> perRule = new HashMap<>();
        rulesOf.forEach((id, rules) -> {
            for (String rule : new HashSet<>(rules)) {
                long[] c = perRule.computeIfAbsent(rule, r -> new long[3]);
                c[0]++;
                if (inspected.contains(id)) c[1]++;
                if (irregular.contains(id)) c[2]++;
            }
        });
        List<RuleHitRate> rules = new ArrayList<>();
        perRule.forEach((rule, c) -> rules.add(new RuleHitRate(rule, c[0], c[1], c[2], HitRate.of(c[1], c[2]).rate())));
        rules.sort(Comparator.comparingLong(RuleHitRate::hits).reversed().thenComparing(RuleHitRate::rule));

        Map<String, BigDecimal> recovered = new TreeMap<>();
        Map<String, Integer> recoveredCount = new HashMap<>();
        store.additionalDutyRecorded(lo, hi, row -> {
            recovered.merge(row.currency(), row.amount(), BigDecimal::add);
            recoveredCount.merge(row.currency(), 1, Integer::sum);
        });
        // without a configured national currency, the one most results were recorded in (officers record duty in it)
        String main = nationalCurrency != null && !nationalCurrency.isBlank() ? nationalCurrency
                : recoveredCount.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse("EUR");
        Amount national = new Amount(recovered.getOrDefault(main, BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP), main);
        List<Amount> other = recovered.entrySet().stream().filter(e -> !e.getKey().equals(main))
                .map(e -> new Amount(e.getValue().setScale(2, RoundingMode.HALF_UP), e.getKey())).toList();

        List<DayCount> days = perDay.entrySet().stream().filter(e -> !e.getKey().isBefore(from) && !e.getKey().isAfter(to))
                .map(e -> new DayCount(e.getKey(), e.getValue())).toList();
        Map<String, Instant[]> times = new HashMap<>();
        store.firstSubmittedAndReleased(lo, hi, row -> {
            Instant[] t = times.computeIfAbsent(row.declarationId(), k -> new Instant[2]);
            t["SUBMITTED".equals(row.status()) ? 0 : 1] = row.at();
        });
        Map<String, ReleaseTime> perChannelRelease = new LinkedHashMap<>();
        for (String c : CHANNELS) {
            perChannelRelease.put(c, releaseTime(times.entrySet().stream().filter(e -> c.equals(channelOf.get(e.getKey())))
                    .map(Map.Entry::getValue).toList()));
        }
        return new View(from, to, days, mix, perChannel, rules, national, other, releaseTime(times.values()), perChannelRelease);
    }

    /** Hours from the first SUBMITTED to the first RELEASED status of each declaration released so far. */
    private static ReleaseTime releaseTime(java.util.Collection<Instant[]> times) {
        double[] hours = times.stream().filter(t -> t[0] != null && t[1] != null)
                .mapToDouble(t -> Duration.between(t[0], t[1]).toMillis() / 3_600_000.0).sorted().toArray();
        if (hours.length == 0) return new ReleaseTime(0, null, null);
        return new ReleaseTime(hours.length, round(percentile(hours, 50)), round(percentile(hours, 90)));
    }

    /** Nearest-rank percentile of sorted values, except the median of an even count, which is the mean of the middle two. */
    static double percentile(double[] sorted, int p) {
        int n = sorted.length;
        if (p == 50 && n % 2 == 0) return (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        int rank = (int) Math.ceil(p / 100.0 * n);
        return sorted[Math.max(0, Math.min(n - 1, rank - 1))];
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static List<String> rules(String riskDecision) {
        if (riskDecision == null || riskDecision.isBlank()) return List.of();
        try {
            JsonNode n = JSON.readTree(riskDecision).get("ruleVersions");
            if (n == null || !n.isArray()) return List.of();
            List<String> out = new ArrayList<>();
            n.forEach(x -> { if (x.isTextual()) out.add(x.asText()); });
            return out;
        } catch (Exception notJson) {
            return List.of();
        }
    }
}
