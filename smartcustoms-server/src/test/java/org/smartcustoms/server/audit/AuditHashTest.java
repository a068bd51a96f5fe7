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

    /**
     * The hash of an entry written by the version that passed actions and subject types as strings, pinned: the
     * enum-typed writer stores {@link AuditAction#name()} and {@link AuditSubject#code()}, so an entry written
     * before and after the change hashes the same and old chains still verify.
     */
    @Test
    void typedActionsHashExactlyAsTheStringsWrittenBefore() {
        String before = "311cbf377ce44e01f97c8bffecd84ecdeb6027395bad71956c5def559b859bb4"; // sha256 of the canonical form above
        assertThat(AuditHash.hash(7, AT, "officer-1", "OFFICER_OVERRIDE", "declaration", "26SCABC", "intel \"x\"", null,
                AuditHash.GENESIS)).isEqualTo(before);
        assertThat(AuditHash.hash(7, AT, "officer-1", AuditAction.OFFICER_OVERRIDE.name(), AuditSubject.DECLARATION.code(),
                "26SCABC", "intel \"x\"", null, AuditHash.GENESIS)).isEqualTo(before);
    }

    /** Every action fits the column and reads back from its stored text; subject codes are the old lower-case words. */
    @Test
    void actionsAndSubjectsReadBackFromTheirStoredText() {
        for (AuditAction a : AuditAction.values()) {
            assertThat(a.name().length()).isLessThanOrEqualTo(AuditAction.MAX_LENGTH);
            assertThat(AuditAction.parse(a.name())).contains(a);
            assertThat(a.label()).isNotBlank().isNotEqualTo(a.name());
        }
        assertThat(AuditAction.parse("NO_SUCH_ACTION")).isEmpty();
        assertThat(java.util.Arrays.stream(AuditSubject.values()).map(AuditSubject::code))
                .startsWith("declaration", "manifest", "rule", "watchlist", "model", "user", "client", "export");
        for (AuditSubject s : AuditSubject.values()) assertThat(AuditSubject.parse(s.code())).contains(s);
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

    /** The writer prepares an entry before it is chained; the result must be the one definition's hash. */
    @Test
    void aPreparedEntryHashesAsTheCanonicalForm() {
        String[][] fields = {{"officer-1", "OFFICER_OVERRIDE", "declaration", "26SCABC", "intel \"x\"\n\ttab \\ é 日本", null},
                {"system", "STATUS_CHANGED", null, null, null, "{\"from\":\"A\",\"to\":\"B\"}"}, {"", "X", "", "", "", ""}};
        for (String[] f : fields) {
            // stored hashes (lower-case hex) take a short cut to their JSON form; anything else is written by Jackson
            for (String prev : new String[] {AuditHash.GENESIS, "ab".repeat(32), "AB".repeat(32), "not \"hex\"", "", null}) {
                assertThat(AuditHash.prepare(AT, f[0], f[1], f[2], f[3], f[4], f[5]).hash(42, prev))
                        .isEqualTo(AuditHash.hash(42, AT, f[0], f[1], f[2], f[3], f[4], f[5], prev));
            }
        }
    }
}
