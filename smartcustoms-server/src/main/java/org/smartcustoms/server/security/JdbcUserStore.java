package org.smartcustoms.server.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** {@link UserStore} on the {@code app_user} and {@code api_token} tables. */
@Repository
class JdbcUserStore implements UserStore {
    private final JdbcTemplate jdbc;

    JdbcUserStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long insertUser(String username, String passwordHash, Role role, String partyId, boolean enabled, Instant createdAt) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO app_user (username, password_hash, role, party_id, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    new String[] {"id"});
            ps.setString(1, username);
            ps.setString(2, passwordHash);
            ps.setString(3, role.name());
            ps.setString(4, partyId);
            ps.setBoolean(5, enabled);
            ps.setTimestamp(6, Timestamp.from(createdAt));
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    @Override
    public Optional<UserAccount> byId(long id) {
        return jdbc.query("SELECT id, username, role, party_id, enabled FROM app_user WHERE id = ?", (rs, n) -> map(rs), id)
                .stream().findFirst();
    }

    @Override
    public Optional<UserAccount> byUsername(String username) {
        return jdbc.query("SELECT id, username, role, party_id, enabled FROM app_user WHERE username = ?", (rs, n) -> map(rs), username)
                .stream().findFirst();
    }

    @Override
    public List<UserAccount> list() {
        return jdbc.query("SELECT id, username, role, party_id, enabled FROM app_user ORDER BY id", (rs, n) -> map(rs));
    }

    @Override
    public Optional<UserWithPassword> withPassword(String username) {
        return jdbc.query("SELECT id, username, role, party_id, enabled, password_hash FROM app_user WHERE username = ?",
                (rs, n) -> new UserWithPassword(map(rs), rs.getString("password_hash")), username).stream().findFirst();
    }

    @Override
    public int setEnabled(long id, boolean enabled) {
        return jdbc.update("UPDATE app_user SET enabled = ? WHERE id = ?", enabled, id);
    }

    @Override
    public void updateRole(long id, Role role, String partyId) {
        jdbc.update("UPDATE app_user SET role = ?, party_id = ? WHERE id = ?", role.name(), partyId, id);
    }

    @Override
    public void insertToken(String tokenHash, long userId, String label, Instant createdAt, Instant expiresAt) {
        jdbc.update("INSERT INTO api_token (token_hash, user_id, label, created_at, expires_at, revoked) VALUES (?, ?, ?, ?, ?, ?)",
                tokenHash, userId, label, Timestamp.from(createdAt), Timestamp.from(expiresAt), false);
    }

    @Override
    public Optional<UserAccount> tokenUser(String tokenHash, Instant now, Instant legacyCreatedAfter) {
        return jdbc.query("""
                SELECT u.id, u.username, u.role, u.party_id, u.enabled FROM api_token t JOIN app_user u ON u.id = t.user_id
                WHERE t.token_hash = ? AND t.revoked = FALSE AND u.enabled = TRUE
                  AND (t.expires_at > ? OR (t.expires_at IS NULL AND t.created_at > ?))""",
                (rs, n) -> map(rs), tokenHash, Timestamp.from(now), Timestamp.from(legacyCreatedAfter))
                .stream().findFirst();
    }

    @Override
    public Optional<Long> activeTokenOwner(String tokenHash) {
        List<Long> owner = jdbc.queryForList("SELECT user_id FROM api_token WHERE token_hash = ? AND revoked = FALSE", Long.class, tokenHash);
        return owner.isEmpty() ? Optional.empty() : Optional.of(owner.get(0));
    }

    @Override
    public void revokeToken(String tokenHash) {
        jdbc.update("UPDATE api_token SET revoked = TRUE WHERE token_hash = ?", tokenHash);
    }

    @Override
    public List<StoredToken> tokens(long userId) {
        return jdbc.query("SELECT token_hash, label, created_at, expires_at, revoked FROM api_token WHERE user_id = ? ORDER BY created_at DESC, token_hash",
                (rs, n) -> {
                    Timestamp exp = rs.getTimestamp("expires_at");
                    return new StoredToken(rs.getString("token_hash"), rs.getString("label"), rs.getTimestamp("created_at").toInstant(),
                            exp == null ? null : exp.toInstant(), rs.getBoolean("revoked"));
                }, userId);
    }

    @Override
    public List<Boolean> revokedFlags(long userId, String hashPrefix) {
        return jdbc.queryForList("SELECT revoked FROM api_token WHERE user_id = ? AND token_hash LIKE ?",
                Boolean.class, userId, hashPrefix + "%");
    }

    @Override
    public void revokeTokens(long userId, String hashPrefix) {
        jdbc.update("UPDATE api_token SET revoked = TRUE WHERE user_id = ? AND token_hash LIKE ?", userId, hashPrefix + "%");
    }

    @Override
    public List<String> activeTokenHashes(long userId) {
        return jdbc.queryForList("SELECT token_hash FROM api_token WHERE user_id = ? AND revoked = FALSE ORDER BY token_hash",
                String.class, userId);
    }

    @Override
    public int revokeAllTokens(long userId) {
        return jdbc.update("UPDATE api_token SET revoked = TRUE WHERE user_id = ? AND revoked = FALSE", userId);
    }

    private static UserAccount map(ResultSet rs) throws SQLException {
        return new UserAccount(rs.getLong("id"), rs.getString("username"), Role.valueOf(rs.getString("role")),
                rs.getString("party_id"), rs.getBoolean("enabled"));
    }
}
