package org.smartcustoms.server.travel;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps the seizure reference on the gate event (same transaction), so the arrivals board shows it with the result. */
@Component
class TravellerSeizureLinks {
    private final TravelStore store;

    TravellerSeizureLinks(TravelStore store) {
        this.store = store;
    }

    @EventListener
    void onLinked(TravellerSeizureLinked e) {
        store.linkSeizure(e.gateEventId(), e.seizureId());
    }
}
