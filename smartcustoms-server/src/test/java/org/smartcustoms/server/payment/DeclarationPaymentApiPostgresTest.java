package org.smartcustoms.server.payment;

import org.smartcustoms.server.OnPostgres;

/** Cashless payment of trade declarations on the real PostgreSQL at 127.0.0.1:5432. */
@OnPostgres
class DeclarationPaymentApiPostgresTest extends AbstractDeclarationPaymentApiTest {
}
