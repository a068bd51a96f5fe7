package org.smartcustoms.server.security;

import org.smartcustoms.server.OnPostgres;

/** Issue 9 security and audit end to end on the real PostgreSQL at 127.0.0.1:5432 (fresh schema per run). */
@OnPostgres
class AuthSecurityPostgresTest extends AbstractAuthSecurityApiTest {
}
