package org.smartcustoms.server.travel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.smartcustoms.travel.QrTokens;
import org.springframework.stereotype.Component;

import com.nimbusds.jose.jwk.ECKey;

/**
 * The travel capability's keys, kept in the database so every server instance agrees: the ES256 QR signing keys
 * (created on first use; {@link #rotate} adds a new one that signs from then on while the older ones still verify),
 * the key of the passport-number hashes and the simulated payment provider's webhook secret.
 */
@Component
class TravelKeys {
    static final String PASSPORT_KEY = "passport-hash";
    static final String WEBHOOK_KEY = "webhook-simulated";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final TravelStore store;
    private final Clock clock;
    private volatile QrTokens tokens;
    private volatile byte[] passportKey;
    private volatile byte[] webhookKey;

    private final org.springframework.transaction.support.TransactionTemplate own;

    TravelKeys(TravelStore store, Clock clock, org.springframework.transaction.PlatformTransactionManager tx) {
        this.store = store;
        this.clock = clock;
        this.own = new org.springframework.transaction.support.TransactionTemplate(tx);
        // keys and secrets are committed on their own: a request that fails later must not take them back
        own.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    QrTokens tokens() {
        QrTokens t = tokens;
        if (t == null) {
            synchronized (this) {
                if (tokens == null) {
                    tokens = own.execute(s -> {
                        if (store.keys().isEmpty()) {
                            ECKey k = QrTokens.newKey();
                            store.insertKey(k.getKeyID(), k.toJSONString(), clock.instant());
                        }
                        return load();
                    });
                }
                t = tokens;
            }
        }
        return t;
    }

    /** Adds a new signing key; codes signed by the older keys keep verifying. Answers the new key id. */
    synchronized String rotate() {
        ECKey k = QrTokens.newKey();
        tokens = own.execute(s -> {
            store.insertKey(k.getKeyID(), k.toJSONString(), clock.instant());
            return load();
        });
        return k.getKeyID();
    }

    private QrTokens load() {
        List<ECKey> keys = new ArrayList<>();
        for (String[] row : store.keys()) {
            try {
                keys.add(ECKey.parse(row[1]));
            } catch (java.text.ParseException e) {
                throw new IllegalStateException("stored QR key " + row[0] + " cannot be read", e);
            }
        }
        return new QrTokens(keys);
    }

    /** Keyed hash (HMAC-SHA256, hex) of a passport or travel document number. */
    String passportHash(String documentNumber) {
        byte[] k = passportKey;
        if (k == null) passportKey = k = secret(PASSPORT_KEY);
        return hmac(k, documentNumber.strip().toUpperCase(Locale.ROOT));
    }

    byte[] webhookKey() {
        byte[] k = webhookKey;
        if (k == null) webhookKey = k = secret(WEBHOOK_KEY);
        return k;
    }

    private byte[] secret(String name) {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        String stored = own.execute(s -> store.secretOrInsert(name, Base64.getEncoder().encodeToString(fresh), clock.instant()));
        return Base64.getDecoder().decode(stored);
    }

    static String hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A random URL-safe token of {@code bytes} random bytes. */
    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Constant-time comparison of two hex strings. */
    static boolean same(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
