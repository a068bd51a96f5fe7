package org.smartcustoms.server.travel;

import org.smartcustoms.server.OnH2;

/** The travellers' browser walk on the embedded H2 database. */
@OnH2
class TravelBrowserTest extends AbstractTravelBrowserTest {
}
