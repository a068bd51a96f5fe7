package org.smartcustoms.server.payment;

import org.smartcustoms.server.OnH2;

/** Cashless payment of trade declarations on the embedded H2 database. */
@OnH2
class DeclarationPaymentApiH2Test extends AbstractDeclarationPaymentApiTest {
}
