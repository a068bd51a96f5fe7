package org.smartcustoms.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The canonical form is what an external verifier re-implements, so it is pinned here. */
class AuditHashTest {
    private static final Instant AT = Instant.parse("2026-11-23T08:00:00.123456789Z");

    @Test
    void canonicalFormIsAJsonArrayWithMillisecondUtcTime() {
        assertThat(AuditHash.canonical(7, AT, "officer-1", "OFFICER_OVERRIDE", "declaration", "26SCABC", "intel \"x\"", null, AuditHash.GENESIS))
                .isEqualTo("[7,\"2026-11-23T08:00:00.123Z\",\"officer-1\",\"OFFICER_OVERRIDE\",\"declaration\",\"26SCABC\",\"intel \\\"x\\\"\",null,\""
                        + "0".repeat(64) + "\"]");
        assertThat(AuditHash.canonical(1, Instant.parse("2026-11-23T08:00:00Z"), "a", "B", null, null, null, null, AuditHash.GENESIS))
                .contains("\"2026-11-23T08:00:00.000Z\"");
    }

    @Test
    void subMillisecondPrecisionDoesNotChangeTheHashButEveryFieldDoes() {
        String h = AuditHash.hash(1, AT, "a", "B", "t", "s", "r", "{}", AuditHash.GENESIS);
        assertThat(h).matches("[0-9a-f]{64}");
        assertThat(AuditHash.hash(1, AuditHash.normalise(AT), "a", "B", "t", "s", "r", "{}", AuditHash.GENESIS)).isEqualTo(h);
        assertThat(AuditHash.hash(2, AT, "a", "B", "t", "s", "r", "{}", AuditHash.GENESIS)).isNotEqualTo(h);
        assertThat(AuditHash.hash(1, AT.plusMillis(1), "a", "B", "t", "s", "r", "{}", AuditHash.GENESIS)).isNotEqualTo(h);
        assertThat(AuditHash.hash(1, AT, "a", "B", "t", "s", "", "{}", AuditHash.GENESIS)).isNotEqualTo(
                AuditHash.hash(1, AT, "a", "B", "t", "s", null, "{}", AuditHash.GENESIS));
        // no field can bleed into its neighbour
        assertThat(AuditHash.hash(1, AT, "ab", "C", "t", "s", "r", "{}", AuditHash.GENESIS)).isNotEqualTo(
                AuditHash.hash(1, AT, "a", "bC", "t", "s", "r", "{}", AuditHash.GENESIS));
        assertThat(AuditHash.hash(1, AT, "a", "B", "t", "s", "r", "{}", "f".repeat(64))).isNotEqualTo(h);
    }
}
