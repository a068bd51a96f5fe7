package org.smartcustoms.server.declaration;

import java.util.List;

/**
 * One page of a declarant's notifications, newest first. {@code nextBefore} is the cursor for the next (older)
 * page ({@code ?before=nextBefore}); null when there is nothing older.
 */
public record NotificationPage(List<Notification> items, Long nextBefore, int limit) {
    public NotificationPage {
        items = List.copyOf(items);
    }
}
