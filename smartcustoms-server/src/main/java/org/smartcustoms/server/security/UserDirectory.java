package org.smartcustoms.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.smartcustoms.server.audit.AuditDetails;
import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;


/**
 * Users and API tokens. Tokens are random 256-bit values shown once at creation; only their SHA-256 is
 * stored, so a database leak does not leak credentials. Every token expires ({@code smartcustoms.auth.token-ttl},
 * default 90 days, unless the caller gives an earlier expiry such as a web session's) and can be revoked. Tokens
 * stored before expiry was enforced (expires_at NULL) expire the default lifetime after their creation. A token
 * is referred to by its {@link TokenInfo#id() short id} (the first {@value #TOKEN_ID_LENGTH} hex digits of its
 * hash), never by the token or its full hash. The bootstrap token from {@code SMARTCUSTOMS_BOOTSTRAP_TOKEN}
 * authenticates as an administrator for automation.
 *
 * <p>Every change (user created, enabled, disabled, role changed, token issued or revoked) is appended to the
 * {@link AuditTrail} in the same transaction as the change, with the acting user: there is no way to change a
 * user here without an audit entry.
 *
 * <p>Password checks cost the same whether or not the username exists: an unknown, disabled or password-less
 * user is checked against a fixed dummy hash, so response time does not reveal which usernames exist.
 */
@Service
public class UserDirectory {
    public static final UserAccount BOOTSTRAP_ADMIN = new UserAccount(0, "bootstrap-admin", Role.ADMIN, null, true);
    /** Length of the public token id (hex digits of the token hash). */
    public static final int TOKEN_ID_LENGTH = 12;
    static final String SYSTEM = AuditTrail.SYSTEM;

    private final UserStore store;
    private final Clock clock;
    private final AuditTrail audit;
    private final String bootstrapTokenHash;
    private final PasswordEncoder passwords;
    private final String dummyHash;
    private final Duration tokenTtl;
    private final SecureRandom random = new SecureRandom();
    /**
     * Recently authenticated tokens by hash, so a busy API does not spend a database connection per request on the
     * same token. An entry lives at most {@link #tokenCacheTtl} (elapsed time, and on the injected clock); every
     * change made here (revocation, disabling, role change) empties the cache at once and again after its commit.
     * Another server of a cluster sees such a change within the time-to-live.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, CachedToken> tokenCache = new java.util.concurrent.ConcurrentHashMap<>();
    private Duration tokenCacheTtl = Duration.ZERO;

    private record CachedToken(UserAccount user, long nanos, Instant at) { }

    @Autowired
    public UserDirectory(UserStore store, Clock clock, AuditTrail audit,
                         @Value("${SMARTCUSTOMS_BOOTSTRAP_TOKEN:}") String bootstrapToken,
                         @Value("${smartcustoms.auth.token-ttl:P90D}") String tokenTtl,
                         @Value("${smartcustoms.auth.token-cache:PT2S}") String tokenCache) {
        this(store, clock, audit, bootstrapToken, Duration.parse(tokenTtl), new BCryptPasswordEncoder());
        this.tokenCacheTtl = Duration.parse(tokenCache);
        if (tokenCacheTtl.isNegative()) throw new IllegalArgumentException("smartcustoms.auth.token-cache must not be negative");
    }

    /** With an explicit password encoder (tests count its work). */
    public UserDirectory(UserStore store, Clock clock, AuditTrail audit, String bootstrapToken, Duration tokenTtl,
                         PasswordEncoder passwords) {
        this.store = store;
        this.clock = clock;
        this.audit = java.util.Objects.requireNonNull(audit, "audit trail");
        this.bootstrapTokenHash = bootstrapToken == null || bootstrapToken.isBlank() ? null : sha256(bootstrapToken);
        if (tokenTtl.isNegative() || tokenTtl.isZero()) throw new IllegalArgumentException("smartcustoms.auth.token-ttl must be positive");
        this.tokenTtl = tokenTtl;
        this.passwords = passwords;
        byte[] raw = new byte[24];
        random.nextBytes(raw);
        // same encoder, same cost as real hashes, for a password nobody knows
        this.dummyHash = passwords.encode(Base64.getEncoder().encodeToString(raw));
    }

    /** Lifetime of a token issued without an explicit expiry. */
    public Duration tokenTtl() { return tokenTtl; }

    /** Creates a user, audited as done by "system" (demo data, tests). */
    @Transactional
    public UserAccount create(String username, String password, Role role, String partyId) {
        return create(username, password, role, partyId, SYSTEM);
    }

    /** Creates a user; audited USER_CREATED by {@code actor} in the same transaction. */
    @Transactional
    public UserAccount create(String username, String password, Role role, String partyId, String actor) {
        if (username == null || !username.matches("[A-Za-z0-9._@-]{3,64}")) {
            throw new IllegalArgumentException("username must be 3-64 characters of letters, digits, . _ @ -");
        }
        if (role == null) throw new IllegalArgumentException("role is required: TRADER, OFFICER, ANALYST, AUDITOR or ADMIN");
        if (password != null && password.length() < 8) throw new IllegalArgumentException("password must have at least 8 characters");
        UserAccount probe = new UserAccount(0, username, role, partyId, true); // validates the role/party rule
        long id;
        try {
            id = store.insertUser(username, password == null ? null : passwords.encode(password), role, probe.partyId(), true,
                    clock.instant());
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("user " + username + " already exists");
        }
        UserAccount created = new UserAccount(id, username, role, probe.partyId(), true);
        audit.record(actor, AuditAction.USER_CREATED, AuditSubject.USER, String.valueOf(created.id()), null,
                AuditDetails.json(details("username", username, "role", role.name(), "partyId", probe.partyId(), "password", password != null)));
        return created;
    }

    /** Creates an API token (default lifetime, audited as "system") and returns it; it cannot be read back later. */
    @Transactional
    public String issueToken(long userId, String label) {
        return issueToken(userId, label, null, SYSTEM);
    }

    /** Creates a token that stops working at {@code expiresAt} (null = the default lifetime), audited as "system". */
    @Transactional
    public String issueToken(long userId, String label, Instant expiresAt) {
        return issueToken(userId, label, expiresAt, SYSTEM);
    }

    /**
     * Creates a token that stops working at {@code expiresAt} (null = now + {@link #tokenTtl()}); audited
     * TOKEN_ISSUED by {@code actor} with the token's short id, label and expiry.
     */
    @Transactional
    public String issueToken(long userId, String label, Instant expiresAt, String actor) {
        byId(userId).orElseThrow(() -> new IllegalArgumentException("no user " + userId));
        Instant now = clock.instant();
        Instant expires = expiresAt != null ? expiresAt : now.plus(tokenTtl);
        if (!expires.isAfter(now)) throw new IllegalArgumentException("a token must expire in the future");
        String lbl = label == null || label.isBlank() ? "api" : label.length() > 100 ? label.substring(0, 100) : label;
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = "sct_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String hash = sha256(token);
        store.insertToken(hash, userId, lbl, now, expires);
        audit.record(actor, AuditAction.TOKEN_ISSUED, AuditSubject.USER, String.valueOf(userId), null,
                AuditDetails.json(details("tokenId", shortId(hash), "label", lbl, "expiresAt", expires.toString())));
        return token;
    }

    public Optional<UserAccount> authenticateToken(String token) {
        if (token == null || token.isBlank()) return Optional.empty();
        String hash = sha256(token);
        if (bootstrapTokenHash != null && MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                bootstrapTokenHash.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(BOOTSTRAP_ADMIN);
        }
        Instant now = clock.instant();
        if (tokenCacheTtl.isZero()) return store.tokenUser(hash, now, now.minus(tokenTtl));
        long nanos = System.nanoTime();
        CachedToken c = tokenCache.get(hash);
        if (c != null && nanos - c.nanos() < tokenCacheTtl.toNanos() && !now.isBefore(c.at())
                && Duration.between(c.at(), now).compareTo(tokenCacheTtl) < 0) {
            return Optional.of(c.user());
        }
        Optional<UserAccount> user = store.tokenUser(hash, now, now.minus(tokenTtl));
        if (user.isPresent()) {
            if (tokenCache.size() > 10_000) tokenCache.clear();
            tokenCache.put(hash, new CachedToken(user.get(), nanos, now));
        } else {
            tokenCache.remove(hash);
        }
        return user;
    }

    /** Empties the token cache now and, inside a transaction, again once it has committed (see {@link #tokenCache}). */
    private void forgetCachedTokens() {
        tokenCache.clear();
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) { tokenCache.clear(); }
                    });
        }
    }

    /**
     * Checks a username and password. Exactly one password-hash verification runs whatever the outcome: an
     * unknown username, a disabled user or a user without a password is verified against a dummy hash, so the
     * time taken does not tell which usernames exist.
     */
    public Optional<UserAccount> authenticatePassword(String username, String password) {
        String pw = password == null ? "" : password;
        UserStore.UserWithPassword row = username == null ? null : store.withPassword(username).orElse(null);
        String hash = row != null && row.passwordHash() != null ? row.passwordHash() : dummyHash;
        boolean matches = passwords.matches(pw, hash);
        if (row == null || row.passwordHash() == null || password == null || !row.user().enabled() || !matches) return Optional.empty();
        return Optional.of(row.user());
    }

    /** Revokes the token itself (logout); audited TOKEN_REVOKED by {@code actor}. False when it was unknown or already revoked. */
    @Transactional
    public boolean revoke(String token, String actor) {
        String hash = sha256(token);
        Optional<Long> owner = store.activeTokenOwner(hash);
        if (owner.isEmpty()) return false;
        forgetCachedTokens();
        store.revokeToken(hash);
        audit.record(actor, AuditAction.TOKEN_REVOKED, AuditSubject.USER, String.valueOf(owner.get()), "logout",
                AuditDetails.json(details("tokenId", shortId(hash))));
        return true;
    }

    /** A user's token as administrators see it: never the token or its full hash. */
    public record TokenInfo(String id, String label, Instant createdAt, Instant expiresAt, boolean revoked, boolean active) { }

    /** A user's tokens, newest first. */
    public List<TokenInfo> tokens(long userId) {
        byId(userId).orElseThrow(() -> new IllegalArgumentException("no user " + userId));
        Instant now = clock.instant();
        return store.tokens(userId).stream().map(t -> {
            Instant created = t.createdAt();
            Instant expires = t.expiresAt() == null ? created.plus(tokenTtl) : t.expiresAt(); // legacy rows: default lifetime
            boolean revoked = t.revoked();
            return new TokenInfo(shortId(t.tokenHash()), t.label(), created, expires, revoked, !revoked && expires.isAfter(now));
        }).toList();
    }

    /** Outcome of revoking one token by its short id. */
    public enum RevokeResult { REVOKED, ALREADY_REVOKED, NOT_FOUND }

    /** Revokes one of a user's tokens by its short id; audited TOKEN_REVOKED when it changed anything. */
    @Transactional
    public RevokeResult revokeToken(long userId, String tokenId, String actor, String reason) {
        if (tokenId == null || !tokenId.matches("[0-9a-f]{" + TOKEN_ID_LENGTH + "}")) return RevokeResult.NOT_FOUND;
        List<Boolean> found = store.revokedFlags(userId, tokenId);
        if (found.isEmpty()) return RevokeResult.NOT_FOUND;
        if (found.size() > 1) throw new IllegalStateException("token id " + tokenId + " is ambiguous for user " + userId);
        if (Boolean.TRUE.equals(found.get(0))) return RevokeResult.ALREADY_REVOKED;
        forgetCachedTokens();
        store.revokeTokens(userId, tokenId);
        audit.record(actor, AuditAction.TOKEN_REVOKED, AuditSubject.USER, String.valueOf(userId), reason, AuditDetails.json(details("tokenId", tokenId)));
        return RevokeResult.REVOKED;
    }

    /** Revokes all of a user's tokens that are not revoked yet; one TOKEN_REVOKED entry naming them. Returns how many. */
    @Transactional
    public int revokeAll(long userId, String actor, String reason) {
        byId(userId).orElseThrow(() -> new IllegalArgumentException("no user " + userId));
        List<String> ids = store.activeTokenHashes(userId).stream().map(UserDirectory::shortId).toList();
        forgetCachedTokens();
        int n = store.revokeAllTokens(userId);
        audit.record(actor, AuditAction.TOKEN_REVOKED, AuditSubject.USER, String.valueOf(userId), reason,
                AuditDetails.json(details("all", true, "count", n, "tokenIds", ids)));
        return n;
    }

    public Optional<UserAccount> byId(long id) {
        return store.byId(id);
    }

    public Optional<UserAccount> byUsername(String username) {
        return store.byUsername(username);
    }

    public List<UserAccount> list() {
        return store.list();
    }

    /** Enables or disables a user; audited USER_ENABLED / USER_DISABLED by {@code actor}. */
    @Transactional
    public void setEnabled(long id, boolean enabled, String actor) {
        forgetCachedTokens();
        if (store.setEnabled(id, enabled) == 0) {
            throw new IllegalArgumentException("no user " + id);
        }
        audit.record(actor, enabled ? AuditAction.USER_ENABLED : AuditAction.USER_DISABLED, AuditSubject.USER, String.valueOf(id), null, null);
    }

    /** Changes a user's role (and party binding, required for TRADER); audited USER_ROLE_CHANGED with from/to. */
    @Transactional
    public UserAccount changeRole(long id, Role role, String partyId, String actor) {
        if (role == null) throw new IllegalArgumentException("role is required: TRADER, OFFICER, ANALYST, AUDITOR or ADMIN");
        UserAccount before = byId(id).orElseThrow(() -> new IllegalArgumentException("no user " + id));
        UserAccount after = new UserAccount(id, before.username(), role, role == Role.TRADER ? partyId : null, before.enabled());
        forgetCachedTokens();
        store.updateRole(id, role, after.partyId());
        audit.record(actor, AuditAction.USER_ROLE_CHANGED, AuditSubject.USER, String.valueOf(id), null,
                AuditDetails.json(details("from", before.role().name(), "to", role.name(), "fromParty", before.partyId(), "toParty", after.partyId())));
        return after;
    }

    /** The public id of a token: the first hex digits of its SHA-256 (identifies it, reveals nothing usable). */
    static String shortId(String tokenHash) {
        return tokenHash.substring(0, TOKEN_ID_LENGTH);
    }

    /** The public id of a token given the token itself. */
    public static String tokenId(String token) {
        return shortId(sha256(token));
    }

    private static Map<String, Object> details(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) if (kv[i + 1] != null) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
