package org.smartcustoms.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Money amounts in a question checked against the thresholds a knowledge-base entry states ("worth more than 10,000
 * JPY", "10,000 JPY or less", "up to 200,000 JPY"; "above that" after a threshold states its other side). A visitor
 * who names a price ("a phone case for 2000 yen", "a 300k yen watch", "1.5 million yen") asks about the entry whose
 * threshold the price meets, not the neighbouring entry about the other side of it. Only amounts in the knowledge
 * base's currency are compared (yen/JPY); other currencies, counts and units are left alone. Stateless.
 */
final class AmountConditions {
    /** One threshold an entry states: the amount is above {@code limit} ({@code above}) or at most {@code limit}. */
    record Condition(boolean above, double limit, double weight) {
        boolean holds(double amount) { return above ? amount > limit : amount <= limit; }
    }

    private static final String NUMBER = "(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)\\s*(k|thousand|million|mil|m)?\\b";
    private static final Pattern AMOUNT = Pattern.compile(
            "(?:(?:¥|jpy|yen)\\s*" + NUMBER + ")|(?:" + NUMBER + "\\s*(?:-\\s*)?(?:¥|jpy\\b|yen\\b))");
    private static final String DETERMINER = "(?:(?:the|a|an|my|your|our|their)\\s+)?";
    private static final Pattern ABOVE_BEFORE = Pattern.compile("(?:more than|over|above|exceeding|in excess of|greater than|higher than)\\s+" + DETERMINER + "$");
    private static final Pattern BELOW_BEFORE = Pattern.compile("(?:up to|under|less than|below|not exceeding|at most|no more than)\\s+" + DETERMINER + "$");
    private static final Pattern BELOW_AFTER = Pattern.compile("^\\s*(?:or less|or under|or below)\\b");
    private static final Pattern ABOVE_AFTER = Pattern.compile("^\\s*(?:or more|or over|or above)\\b");
    private static final Pattern OTHER_SIDE = Pattern.compile("^[^.;]{0,80}?[.;,]\\s*(?:but\\s+)?(?:above|over|beyond|more than) (?:that|this|it)\\b");

    private AmountConditions() { }

    /** An amount in yen a text names, the side of a bound it is on when a comparison stands by it (else null), and the text after it. */
    private record Mention(double value, Boolean above, String after) { }

    private static List<Mention> mentions(String text) {
        List<Mention> out = new ArrayList<>();
        String t = text.toLowerCase(Locale.ROOT);
        Matcher m = AMOUNT.matcher(t);
        while (m.find()) {
            String before = t.substring(Math.max(0, m.start() - 20), m.start());
            String after = t.substring(m.end());
            Boolean above = null;
            if (ABOVE_BEFORE.matcher(before).find() || ABOVE_AFTER.matcher(after).find()) above = true;
            else if (BELOW_BEFORE.matcher(before).find() || BELOW_AFTER.matcher(after).find()) above = false;
            out.add(new Mention(value(m), above, after));
        }
        return out;
    }

    /** The money amounts in yen a text names, each with its own "more than" / "less than" moved just past the bound. */
    static List<Double> amounts(String text) {
        List<Double> out = new ArrayList<>();
        for (Mention m : mentions(text)) out.add(m.above() == null ? m.value() : m.above() ? m.value() + 1 : m.value() - 1);
        return out;
    }

    /** The thresholds a text states, each with {@code weight}. */
    static List<Condition> conditions(String text, double weight) {
        List<Condition> out = new ArrayList<>();
        for (Mention m : mentions(text)) {
            if (m.above() == null) continue;
            out.add(new Condition(m.above(), m.value(), weight));
            if (!m.above() && OTHER_SIDE.matcher(m.after()).find()) out.add(new Condition(true, m.value(), weight));
        }
        return List.copyOf(out);
    }

    /**
     * How well the amounts meet an entry's thresholds, −1..1: the weighted share of the thresholds met minus that of
     * the thresholds not met, over every amount; 0 when either side names none (an entry stating both sides of a
     * threshold is neutral).
     */
    static double consistency(List<Double> amounts, List<Condition> conditions) {
        if (amounts.isEmpty() || conditions.isEmpty()) return 0;
        double met = 0, total = 0;
        for (double a : amounts) {
            for (Condition c : conditions) {
                total += c.weight();
                met += c.holds(a) ? c.weight() : -c.weight();
            }
        }
        return total == 0 ? 0 : met / total;
    }

    private static double value(Matcher m) {
        String digits = m.group(1) != null ? m.group(1) : m.group(3);
        String scale = m.group(1) != null ? m.group(2) : m.group(4);
        double v = Double.parseDouble(digits.replace(",", ""));
        if (scale == null) return v;
        return switch (scale) {
            case "k", "thousand" -> v * 1_000;
            default -> v * 1_000_000;
        };
    }
}
