package org.smartcustoms.server.security;

import org.smartcustoms.server.OnH2;

/** Issue 9 security and audit end to end on the embedded H2 database. */
@OnH2
class AuthSecurityH2Test extends AbstractAuthSecurityApiTest {
}
