package org.smartcustoms.server.travel;

import org.smartcustoms.server.OnH2;

/** Travellers end to end on the embedded H2 database. */
@OnH2
class TravelApiH2Test extends AbstractTravelApiTest {
}
