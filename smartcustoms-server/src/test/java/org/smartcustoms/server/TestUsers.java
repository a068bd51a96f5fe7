package org.smartcustoms.server;

import java.util.Locale;
import java.util.UUID;

import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserDirectory;

/** Users and API tokens for server tests. */
public final class TestUsers {
    private TestUsers() { }

    /** Eight random characters, to keep names unique within a shared database. */
    public static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A token of a new user (no password) with a unique name such as {@code officer-1a2b3c4d}. */
    public static String token(UserDirectory users, Role role, String party) {
        return token(users, role.name().toLowerCase(Locale.ROOT) + "-" + unique(), role, party);
    }

    /** A token of a new user (no password) called {@code username}. */
    public static String token(UserDirectory users, String username, Role role, String party) {
        return users.issueToken(users.create(username, null, role, party).id(), "test");
    }
}
