package org.smartcustoms.server.travel;

import org.smartcustoms.server.OnPostgres;

/** Travellers end to end on the real PostgreSQL at 127.0.0.1:5432. */
@OnPostgres
class TravelApiPostgresTest extends AbstractTravelApiTest {
}
