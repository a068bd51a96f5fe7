package org.smartcustoms.tariff;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Recursive-descent parser for the grammar above. */
final class RateParser {
    private final String s;
    private int pos;

    RateParser(String s) { this.s = s.trim(); }

    RateExpression parseAll() {
        if (s.isEmpty()) throw new IllegalArgumentException("empty rate");
        RateExpression e = expr();
        skip();
        if (pos < s.length()) throw error("unexpected '" + s.substring(pos) + "'");
        return e;
    }

    private RateExpression expr() {
        List<RateExpression> terms = new ArrayList<>();
        terms.add(term());
        while (true) {
            skip();
            if (pos < s.length() && s.charAt(pos) == '+') { pos++; terms.add(term()); } else break;
        }
        return terms.size() == 1 ? terms.get(0) : new RateExpression.Sum(terms);
    }

    private RateExpression term() {
        skip();
        String word = word();
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.equals("free") || lower.equals("exempt")) return new RateExpression.Free(lower);
        if (lower.equals("max") || lower.equals("min")) {
            expect('(');
            RateExpression a = expr();
            expect(',');
            RateExpression b = expr();
            expect(')');
            return new RateExpression.Mixed(lower.equals("max"), a, b);
        }
        if (!word.isEmpty()) throw error("unknown word '" + word + "'");
        BigDecimal n = number();
        skip();
        if (pos < s.length() && s.charAt(pos) == '%') { pos++; return new RateExpression.AdValorem(n); }
        String currency = word().toUpperCase(Locale.ROOT);
        if (currency.isEmpty()) throw error("expected '%' or a currency after " + n.toPlainString());
        expect('/');
        skip();
        String unit = word().toUpperCase(Locale.ROOT);
        if (unit.isEmpty()) throw error("expected a unit after '/'");
        try {
            return new RateExpression.Specific(n, currency, unit);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private BigDecimal number() {
        skip();
        int start = pos;
        while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) pos++;
        if (start == pos) throw error("expected a number");
        try {
            return new BigDecimal(s.substring(start, pos), MathContext.UNLIMITED);
        } catch (NumberFormatException e) {
            throw error("bad number '" + s.substring(start, pos) + "'");
        }
    }

    private String word() {
        skip();
        int start = pos;
        while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))
                && !(start == pos && Character.isDigit(s.charAt(pos)))) pos++;
        return s.substring(start, pos);
    }

    private void expect(char c) {
        skip();
        if (pos >= s.length() || s.charAt(pos) != c) throw error("expected '" + c + "'");
        pos++;
    }

    private void skip() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("rate '" + s + "' at position " + (pos + 1) + ": " + message);
    }
}
