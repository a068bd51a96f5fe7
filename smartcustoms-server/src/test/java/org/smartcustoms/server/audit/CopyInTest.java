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
}
