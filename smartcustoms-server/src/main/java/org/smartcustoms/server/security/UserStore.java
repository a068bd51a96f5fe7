package org.smartcustoms.server.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage port of the security capability: users and API tokens (only token hashes are stored). */
public interface UserStore {
    /** Stores a user; returns its generated id. Throws {@code DuplicateKeyException} when the username is taken. */
    long insertUser(String username, String passwordHash, Role role, String partyId, boolean enabled, Instant createdAt);

    Optional<UserAccount> byId(long id);

    Optional<UserAccount> byUsername(String username);

    /** All users by id. */
    List<UserAccount> list();

    /** A user with its password hash (null when it has none). */
    record UserWithPassword(UserAccount user, String passwordHash) { }

    Optional<UserWithPassword> withPassword(String username);

    /** Returns the number of users changed (0 = no such user). */
    int setEnabled(long id, boolean enabled);

    void updateRole(long id, Role role, String partyId);

    void insertToken(String tokenHash, long userId, String label, Instant createdAt, Instant expiresAt);

    /**
     * The enabled user of a token that is not revoked and has not expired: its expiry is after {@code now}, or it
     * has none and was created after {@code legacyCreatedAfter}.
     */
    Optional<UserAccount> tokenUser(String tokenHash, Instant now, Instant legacyCreatedAfter);

    /** The owner of a token that is not revoked. */
    Optional<Long> activeTokenOwner(String tokenHash);

    /** Revokes a token by its hash. */
    void revokeToken(String tokenHash);

    /** A stored token; {@code expiresAt} is null for legacy rows. */
    record StoredToken(String tokenHash, String label, Instant createdAt, Instant expiresAt, boolean revoked) { }

    /** A user's tokens, newest first. */
    List<StoredToken> tokens(long userId);

    /** The revoked flags of a user's tokens whose hash starts with {@code hashPrefix}. */
    List<Boolean> revokedFlags(long userId, String hashPrefix);

    /** Revokes a user's tokens whose hash starts with {@code hashPrefix}. */
    void revokeTokens(long userId, String hashPrefix);

    /** Hashes of a user's tokens that are not revoked, in hash order. */
    List<String> activeTokenHashes(long userId);

    /** Revokes all of a user's tokens that are not revoked yet; returns how many. */
    int revokeAllTokens(long userId);
}
