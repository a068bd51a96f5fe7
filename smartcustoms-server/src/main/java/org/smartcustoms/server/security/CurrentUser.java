package org.smartcustoms.server.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Access to the authenticated {@link UserAccount} of the current request. */
public final class CurrentUser {
    private CurrentUser() { }

    public static UserAccount get() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a != null && a.getPrincipal() instanceof UserAccount u) return u;
        throw new org.springframework.security.authentication.AuthenticationCredentialsNotFoundException("not authenticated");
    }
}
