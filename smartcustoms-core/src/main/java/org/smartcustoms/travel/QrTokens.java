package org.smartcustoms.travel;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs and verifies the travellers' QR codes: compact JWS, ES256 (ECDSA P-256), key id in the header. Keys rotate:
 * the newest key signs, every key given verifies (so codes issued before a rotation stay valid until they expire).
 * Immutable; build a new instance to rotate. A code signed by a key not in the set, or by another issuer, is
 * {@link QrCheck.Refusal#FOREIGN}; anything unreadable or with a signature that does not verify is
 * {@link QrCheck.Refusal#INVALID}.
 */
public final class QrTokens {
    public static final String ISSUER = "smartcustoms-travel";
    private static final JOSEObjectType TYPE = new JOSEObjectType("sc-travel+jwt");
    private static final int MAX_LENGTH = 2048;
    private final ECKey signing;
    private final Map<String, ECDSAVerifier> verifiers = new LinkedHashMap<>();

    /** @param keys private EC P-256 keys with key ids, oldest first; the last one signs */
    public QrTokens(List<ECKey> keys) {
        if (keys.isEmpty()) throw new IllegalArgumentException("at least one signing key is needed");
        this.signing = keys.get(keys.size() - 1);
        try {
            for (ECKey k : keys) verifiers.put(k.getKeyID(), new ECDSAVerifier(k.toPublicJWK()));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable QR key: " + e.getMessage(), e);
        }
    }

    /** A new P-256 signing key with a random key id. */
    public static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString().substring(0, 8)).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String currentKeyId() {
        return signing.getKeyID();
    }

    public List<String> keyIds() {
        return new ArrayList<>(verifiers.keySet());
    }

    public String issue(QrClaims c) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).jwtID(c.declarationId())
                .claim("ph", c.passportHash()).claim("flt", c.flight())
                .notBeforeTime(Date.from(c.notBefore())).expirationTime(Date.from(c.expiresAt())).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signing.getKeyID()).type(TYPE).build(), claims);
        try {
            jwt.sign(new ECDSASigner(signing));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** Verifies signature, issuer and validity window at {@code now}; single use is the caller's (it needs storage). */
    public QrCheck verify(String token, Instant now) {
        if (token == null || token.isBlank()) return QrCheck.refused(QrCheck.Refusal.INVALID, "no QR content");
        String t = token.strip();
        if (t.length() > MAX_LENGTH) return QrCheck.refused(QrCheck.Refusal.INVALID, "QR content too long");
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(t);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            return QrCheck.refused(QrCheck.Refusal.INVALID, "not a readable customs QR code");
        }
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
            return QrCheck.refused(QrCheck.Refusal.INVALID, "unexpected signature algorithm");
        }
        ECDSAVerifier v = verifiers.get(jwt.getHeader().getKeyID());
        if (v == null) return QrCheck.refused(QrCheck.Refusal.FOREIGN, "signed by a key this customs administration does not know");
        try {
            if (!jwt.verify(v)) return QrCheck.refused(QrCheck.Refusal.INVALID, "signature does not verify (altered code)");
        } catch (JOSEException | RuntimeException e) {
            return QrCheck.refused(QrCheck.Refusal.INVALID, "signature does not verify (altered code)");
        }
        if (!ISSUER.equals(claims.getIssuer())) return QrCheck.refused(QrCheck.Refusal.FOREIGN, "issued by another issuer");
        Object ph = claims.getClaim("ph");
        Object flt = claims.getClaim("flt");
        Date nbf = claims.getNotBeforeTime();
        Date exp = claims.getExpirationTime();
        if (claims.getJWTID() == null || !(ph instanceof String) || !(flt instanceof String) || nbf == null || exp == null) {
            return QrCheck.refused(QrCheck.Refusal.INVALID, "QR content incomplete");
        }
        if (now.isBefore(nbf.toInstant())) return QrCheck.refused(QrCheck.Refusal.EXPIRED, "not valid yet (valid from " + nbf.toInstant() + ")");
        if (!now.isBefore(exp.toInstant())) return QrCheck.refused(QrCheck.Refusal.EXPIRED, "expired at " + exp.toInstant());
        return QrCheck.valid(new QrClaims(claims.getJWTID(), (String) ph, (String) flt, nbf.toInstant(), exp.toInstant()));
    }
}
