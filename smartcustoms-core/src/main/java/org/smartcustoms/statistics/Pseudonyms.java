package org.smartcustoms.statistics;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Project-specific keyed pseudonyms: HMAC-SHA256 of the trader id under the project's own secret, so one project's
 * extract is consistent over time while two projects' pseudonyms of the same trader cannot be linked (nor reversed
 * without the secret, which never leaves the server).
 */
public final class Pseudonyms {
    private final Mac mac;

    public Pseudonyms(byte[] secret) {
        if (secret == null || secret.length < 16) throw new IllegalArgumentException("a project secret has at least 16 bytes");
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code T} + 20 hex digits (80 bits). */
    public String of(String traderId) {
        byte[] h = mac.doFinal(traderId.getBytes(StandardCharsets.UTF_8));
        return "T" + HexFormat.of().formatHex(h, 0, 10);
    }
}
