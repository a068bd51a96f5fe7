package org.smartcustoms.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users and API tokens. Tokens are random 256-bit values shown once at creation; only their SHA-256 is
 * stored, so a database leak does not leak credentials. The bootstrap token from
 * {@code SMARTCUSTOMS_BOOTSTRAP_TOKEN} authenticates as an administrator for automation.
 */
@Service
public class UserDirectory {
    public static final UserAccount BOOTSTRAP_ADMIN = new UserAccount(0, "bootstrap-admin", Role.ADMIN, null, true);
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String bootstrapTokenHash;
    private final BCryptPasswordEncoder passwords = new BCryptPasswordEncoder();
    private final SecureRandom random = new SecureRandom();

    public UserDirectory(JdbcTemplate jdbc, Clock clock,
                         @Value("${SMARTCUSTOMS_BOOTSTRAP_TOKEN:}") String bootstrapToken) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.bootstrapTokenHash = bootstrapToken == null || bootstrapToken.isBlank() ? null : sha256(bootstrapToken);
    }

    @Transactional
    public UserAccount create(String username, String password, Role role, String partyId) {
        if (username == null || !username.matches("[A-Za-z0-9._@-]{3,64}")) {
            throw new IllegalArgumentException("username must be 3-64 characters of letters, digits, . _ @ -");
        }
        if (password != null && password.length() < 8) throw new IllegalArgumentException("password must have at least 8 characters");
        UserAccount probe = new UserAccount(0, username, role, partyId, true); // validates the role/party rule
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        try {
            jdbc.update(con -> {
                var ps = con.prepareStatement("INSERT INTO app_user (username, password_hash, role, party_id, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                        new String[] {"id"});
                ps.setString(1, username);
                ps.setString(2, password == null ? null : passwords.encode(password));
                ps.setString(3, role.name());
                ps.setString(4, probe.partyId());
                ps.setBoolean(5, true);
                ps.setTimestamp(6, Timestamp.from(clock.instant()));
                return ps;
            }, keys);
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("user " + username + " already exists");
        }
        return new UserAccount(keys.getKey().longValue(), username, role, probe.partyId(), true);
    }

    /** Creates an API token for the user and returns it; it cannot be read back later. */
    @Transactional
    public String issueToken(long userId, String label) {
        return issueToken(userId, label, null);
    }

    /** Creates a token that stops working at {@code expiresAt} (web sessions), or never when null. */
    @Transactional
    public String issueToken(long userId, String label, java.time.Instant expiresAt) {
        byId(userId).orElseThrow(() -> new IllegalArgumentException("no user " + userId));
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = "sct_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        jdbc.update("INSERT INTO api_token (token_hash, user_id, label, created_at, expires_at, revoked) VALUES (?, ?, ?, ?, ?, ?)",
                sha256(token), userId, label, Timestamp.from(clock.instant()),
                expiresAt == null ? null : Timestamp.from(expiresAt), false);
        return token;
    }

    public Optional<UserAccount> authenticateToken(String token) {
        if (token == null || token.isBlank()) return Optional.empty();
        String hash = sha256(token);
        if (bootstrapTokenHash != null && MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                bootstrapTokenHash.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(BOOTSTRAP_ADMIN);
        }
        return jdbc.query("""
                SELECT u.id, u.username, u.role, u.party_id, u.enabled FROM api_token t JOIN app_user u ON u.id = t.user_id
                WHERE t.token_hash = ? AND t.revoked = FALSE AND u.enabled = TRUE AND (t.expires_at IS NULL OR t.expires_at > ?)""",
                (rs, n) -> map(rs), hash, Timestamp.from(clock.instant()))
                .stream().findFirst();
    }

    public Optional<UserAccount> authenticatePassword(String username, String password) {
        if (username == null || password == null) return Optional.empty();
        return jdbc.query("SELECT id, username, role, party_id, enabled, password_hash FROM app_user WHERE username = ? AND enabled = TRUE",
                (rs, n) -> {
                    String h = rs.getString("password_hash");
                    return h != null && passwords.matches(password, h) ? map(rs) : null;
                }, username).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** Revokes a token (logout). */
    @Transactional
    public void revoke(String token) {
        jdbc.update("UPDATE api_token SET revoked = TRUE WHERE token_hash = ?", sha256(token));
    }

    public Optional<UserAccount> byId(long id) {
        return jdbc.query("SELECT id, username, role, party_id, enabled FROM app_user WHERE id = ?", (rs, n) -> map(rs), id)
                .stream().findFirst();
    }

    public Optional<UserAccount> byUsername(String username) {
        return jdbc.query("SELECT id, username, role, party_id, enabled FROM app_user WHERE username = ?", (rs, n) -> map(rs), username)
                .stream().findFirst();
    }

    public List<UserAccount> list() {
        return jdbc.query("SELECT id, username, role, party_id, enabled FROM app_user ORDER BY id", (rs, n) -> map(rs));
    }

    @Transactional
    public void setEnabled(long id, boolean enabled) {
        if (jdbc.update("UPDATE app_user SET enabled = ? WHERE id = ?", enabled, id) == 0) {
            throw new IllegalArgumentException("no user " + id);
        }
    }

    private static UserAccount map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new UserAccount(rs.getLong("id"), rs.getString("username"), Role.valueOf(rs.getString("role")),
                rs.getString("party_id"), rs.getBoolean("enabled"));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
