package org.smartcustoms.server.travel;

import org.smartcustoms.server.OnPostgres;

/** The travellers' browser walk on the real PostgreSQL at 127.0.0.1:5432. */
@OnPostgres
class TravelBrowserPostgresTest extends AbstractTravelBrowserTest {
}
