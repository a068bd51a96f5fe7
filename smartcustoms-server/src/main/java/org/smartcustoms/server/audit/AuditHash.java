package org.smartcustoms.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one definition of an audit entry's hash, shared by writer and verifier so they cannot drift apart.
 * The canonical form is a JSON array {@code [seq, at, actor, action, subjectType, subjectId, reason, details,
 * prevHash]} (nulls as JSON null, so "" and null differ and no field can bleed into the next); {@code at} is
 * ISO-8601 UTC with exactly three fraction digits, because H2 and PostgreSQL keep different sub-millisecond
 * precision and the stored value must hash the same after a round trip.
 */
public final class AuditHash {
    public static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private AuditHash() { }

    /** The instant as stored: truncated to milliseconds. */
    public static Instant normalise(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS);
    }

    public static String canonical(long seq, Instant at, String actor, String action, String subjectType,
                                   String subjectId, String reason, String details, String prevHash) {
        try {
            return JSON.writeValueAsString(Arrays.asList(seq, ISO_MILLIS.format(normalise(at)), actor, action,
                    subjectType, subjectId, reason, details, prevHash));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hash(long seq, Instant at, String actor, String action, String subjectType, String subjectId,
                              String reason, String details, String prevHash) {
        return sha256(canonical(seq, at, actor, action, subjectType, subjectId, reason, details, prevHash));
    }

    /**
     * The part of an entry's canonical form known before it is chained (all but seq and prevHash), so the chaining
     * under the head lock costs one SHA-256 over a few appended bytes per entry.
     * {@code prepare(...).hash(seq, prev)} equals {@link #hash} with the same fields.
     */
    public static Prepared prepare(Instant at, String actor, String action, String subjectType, String subjectId,
                                   String reason, String details) {
        byte[] full;
        try {
            full = JSON.writeValueAsBytes(Arrays.asList(0, ISO_MILLIS.format(normalise(at)), actor, action,
                    subjectType, subjectId, reason, details, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // full is [0,<middle>,null] in UTF-8: keep <middle> with its leading comma
        return new Prepared(Arrays.copyOfRange(full, 2, full.length - "null]".length()));
    }

    /** See {@link #prepare}; {@code middle} in UTF-8. */
    public record Prepared(byte[] middle) {
        public String hash(long seq, String prevHash) {
            MessageDigest md = digest();
            md.update((byte) '[');
            md.update(Long.toString(seq).getBytes(StandardCharsets.US_ASCII));
            md.update(middle);
            if (prevHash == null) {
                md.update(NULL);
            } else if (hex(prevHash)) {
                md.update((byte) '"');
                md.update(prevHash.getBytes(StandardCharsets.US_ASCII));
                md.update((byte) '"');
            } else {
                md.update(JSON_STRING.apply(prevHash).getBytes(StandardCharsets.UTF_8));
            }
            md.update((byte) ']');
            return HexFormat.of().formatHex(md.digest());
        }
    }

    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    /** One SHA-256 instance per thread (reset by {@link MessageDigest#digest()}), not a provider look-up per entry. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static MessageDigest digest() {
        MessageDigest md = SHA256.get();
        md.reset();
        return md;
    }

    /** True for lower-case hex (a stored hash), which JSON writes as it is between quotes. */
    private static boolean hex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) return false;
        }
        return true;
    }

    private static final java.util.function.Function<String, String> JSON_STRING = s -> {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    };

    public static String hash(AuditEntry e) {
        return hash(e.seq(), e.at(), e.actor(), e.action(), e.subjectType(), e.subjectId(), e.reason(), e.details(), e.prevHash());
    }

    static String sha256(String s) {
        return HexFormat.of().formatHex(digest().digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
