package org.smartcustoms.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * PostgreSQL COPY text as the bulk writers make it ahead of their transaction: a row pre-rendered with
 * {@link JdbcAuditTrail.CopyIn#text} and appended with {@code line} is byte for byte the row {@code row} writes.
 */
class CopyInTest {
    @Test
    void textEscapesWhatCopyWouldReadAsStructure() {
        assertThat(JdbcAuditTrail.CopyIn.text("a\tb", null, "c\\d", "line\nnext\r", new BigDecimal("1E+3"), 7))
                .isEqualTo("a\\tb\t\\N\tc\\\\d\tline\\nnext\\r\t1000\t7");
    }

    @Test
    void aPreRenderedLineEqualsTheSameRowAndIsUtf8() {
        Object[] values = {"Zoë", null, "tab\there", 42L};
        JdbcAuditTrail.CopyIn rows = new JdbcAuditTrail.CopyIn().row(values);
        JdbcAuditTrail.CopyIn lines = new JdbcAuditTrail.CopyIn().line(JdbcAuditTrail.CopyIn.text(values));
        assertThat(lines.rows()).isEqualTo(1);
        assertThat(lines.utf8()).isEqualTo(rows.utf8());
        assertThat(new String(lines.utf8(), StandardCharsets.UTF_8)).isEqualTo("Zoë\t\\N\ttab\\there\t42\n");
    }

    /** The text the string-based writer made: each value's toString (BigDecimal plain), escaped char by char. */
    private static String reference(Object... values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) sb.append('\t');
            Object v = values[i];
            String s = v == null ? null : v instanceof BigDecimal b ? b.toPlainString() : v.toString();
            if (s == null) {
                sb.append("\\N");
                continue;
            }
            for (char ch : s.toCharArray()) {
                switch (ch) {
                    case '\\' -> sb.append("\\\\");
                    case '\t' -> sb.append("\\t");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    default -> sb.append(ch);
                }
            }
        }
        return sb.toString();
    }

    @Test
    void bytesAreTheEscapedUtf8OfEveryKindOfValue() {
        java.util.Random random = new java.util.Random(12);
        String alphabet = "ab\\\t\n\r Zoë€日本𝄞\"{}";
        for (int k = 0; k < 2000; k++) {
            StringBuilder s = new StringBuilder();
            int len = random.nextInt(40);
            for (int i = 0; i < len; i++) s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String text = s.toString(); // may hold a lone surrogate: encoded as '?', as String.getBytes does
            java.sql.Timestamp ts = new java.sql.Timestamp(random.nextLong(-30_000_000_000_000L, 250_000_000_000_000L));
            ts.setNanos(random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000) / (int) Math.pow(10, random.nextInt(9)));
            Object[] values = {text, null, new BigDecimal(random.nextInt(100_000)).movePointLeft(random.nextInt(6)), random.nextLong(),
                    ts, java.sql.Date.valueOf(java.time.LocalDate.ofEpochDay(random.nextInt(40_000))), true,
                    (JdbcAuditTrail.CopyIn.Streamed) out -> out.write(text.getBytes(StandardCharsets.UTF_8))};
            Object[] asStrings = values.clone();
            asStrings[7] = text;
            String expected = reference(asStrings);
            assertThat(JdbcAuditTrail.CopyIn.bytes(values)).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
            assertThat(new JdbcAuditTrail.CopyIn(64).row(values).row(values).utf8())
                    .isEqualTo((expected + "\n" + expected + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aRowBuiltPartByPartEqualsTheSameRow() {
        byte[] middle = JdbcAuditTrail.CopyIn.bytes("x\ty", null);
        JdbcAuditTrail.CopyIn parts = new JdbcAuditTrail.CopyIn().number(1234567890123L).tab().raw(middle).tab().value("h\\").end()
                .number(7).tab().raw(middle).tab().value(null).end();
        JdbcAuditTrail.CopyIn rows = new JdbcAuditTrail.CopyIn().row(1234567890123L, "x\ty", null, "h\\").row(7, "x\ty", null, null);
        assertThat(parts.rows()).isEqualTo(2);
        assertThat(parts.utf8()).isEqualTo(rows.utf8());
    }
}
