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
 * threshold the price meets, not the neighbouring entry about the other side of it. An amount is compared only with
 * thresholds in its own currency (JPY, EUR, USD, GBP, CNY, KRW by code, sign or name; "pound" and "won" are left out,
 * being also a weight and a verb), so a knowledge base in any of them works alike; counts and units are left alone.
 * Stateless.
 */
final class AmountConditions {
    /** One threshold an entry states: the amount is above {@code limit} ({@code above}) or at most {@code limit}. */
    record Condition(boolean above, double limit, double weight, String currency) {
        boolean holds(double amount) { return above ? amount > limit : amount <= limit; }
    }

    /** A money amount: its value and its currency's ISO code. */
    record Amount(double value, String currency) { }

    /** The currencies read, by ISO code: the signs and words (lower case) that name each. */
    private static final java.util.Map<String, List<String>> CURRENCIES = java.util.Map.of(
            "JPY", List.of("¥", "jpy", "yen"),
            "EUR", List.of("€", "eur", "euro", "euros"),
            "USD", List.of("us$", "$", "usd", "dollar", "dollars"),
            "GBP", List.of("£", "gbp"),
            "CNY", List.of("cny", "rmb", "yuan"),
            "KRW", List.of("₩", "krw"));
    private static final java.util.Map<String, String> CODE_OF = new java.util.HashMap<>();
    static {
        CURRENCIES.forEach((code, names) -> names.forEach(n -> CODE_OF.put(n, code)));
    }
    /** One currency sign or word; a word starts a word and is not followed by a letter ("eur" is not "europe"'s start). */
    private static final String CURRENCY = "(" + CODE_OF.keySet().stream()
            .sorted(java.util.Comparator.comparingInt(String::length).reversed())
            .map(n -> Character.isLetter(n.charAt(0)) ? "\\b" + Pattern.quote(n) + "(?![a-z])" : Pattern.quote(n))
            .collect(java.util.stream.Collectors.joining("|")) + ")";
    private static final String NUMBER = "(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)\\s*(k|thousand|million|mil|m)?\\b";
    private static final Pattern AMOUNT = Pattern.compile(
            "(?:" + CURRENCY + "\\s*" + NUMBER + ")|(?:" + NUMBER + "\\s*(?:-\\s*)?" + CURRENCY + ")");
    private static final String DETERMINER = "(?:(?:the|a|an|my|your|our|their)\\s+)?";
    private static final Pattern ABOVE_BEFORE = Pattern.compile("(?:more than|over|above|exceeding|in excess of|greater than|higher than)\\s+" + DETERMINER + "$");
    private static final Pattern BELOW_BEFORE = Pattern.compile("(?:up to|under|less than|below|not exceeding|at most|no more than)\\s+" + DETERMINER + "$");
    private static final Pattern BELOW_AFTER = Pattern.compile("^\\s*(?:or less|or under|or below)\\b");
    private static final Pattern ABOVE_AFTER = Pattern.compile("^\\s*(?:or more|or over|or above)\\b");
    private static final Pattern OTHER_SIDE = Pattern.compile("^[^.;]{0,80}?[.;,]\\s*(?:but\\s+)?(?:above|over|beyond|more than) (?:that|this|it)\\b");

    private AmountConditions() { }

    /** An amount a text names, the side of a bound it is on when a comparison stands by it (else null), and the text after it. */
    private record Mention(Amount amount, Boolean above, String after) { }

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
            out.add(new Mention(amount(m), above, after));
        }
        return out;
    }

    /** The money amounts a text names, each with its own "more than" / "less than" moved just past the bound. */
    static List<Amount> amounts(String text) {
        List<Amount> out = new ArrayList<>();
        for (Mention m : mentions(text)) {
            double v = m.amount().value();
            out.add(m.above() == null ? m.amount() : new Amount(m.above() ? v + 1 : v - 1, m.amount().currency()));
        }
        return out;
    }

    /** The thresholds a text states, each with {@code weight}. */
    static List<Condition> conditions(String text, double weight) {
        List<Condition> out = new ArrayList<>();
        for (Mention m : mentions(text)) {
            if (m.above() == null) continue;
            Amount a = m.amount();
            out.add(new Condition(m.above(), a.value(), weight, a.currency()));
            if (!m.above() && OTHER_SIDE.matcher(m.after()).find()) out.add(new Condition(true, a.value(), weight, a.currency()));
        }
        return List.copyOf(out);
    }

    /**
     * How well the amounts meet an entry's thresholds, −1..1: the weighted share of the thresholds met minus that of
     * the thresholds not met, over every amount and threshold of the same currency; 0 when there are none (an entry
     * stating both sides of a threshold is neutral).
     */
    static double consistency(List<Amount> amounts, List<Condition> conditions) {
        if (amounts.isEmpty() || conditions.isEmpty()) return 0;
        double met = 0, total = 0;
        for (Amount a : amounts) {
            for (Condition c : conditions) {
                if (!c.currency().equals(a.currency())) continue;
                total += c.weight();
                met += c.holds(a.value()) ? c.weight() : -c.weight();
            }
        }
        return total == 0 ? 0 : met / total;
    }

    /** Groups: 1 currency, 2 digits, 3 scale (sign first); 4 digits, 5 scale, 6 currency (sign after). */
    private static Amount amount(Matcher m) {
        boolean signFirst = m.group(1) != null;
        String digits = signFirst ? m.group(2) : m.group(4);
        String scale = signFirst ? m.group(3) : m.group(5);
        String code = CODE_OF.get(signFirst ? m.group(1) : m.group(6));
        double v = Double.parseDouble(digits.replace(",", ""));
        if (scale != null) v *= switch (scale) {
            case "k", "thousand" -> 1_000;
            default -> 1_000_000;
        };
        return new Amount(v, code);
    }
}
