package org.smartcustoms.server.lifecycle;

import org.smartcustoms.server.OnH2;

/** Lifecycle integrity on a fresh in-memory H2. */
@OnH2
class LifecycleIntegrityH2Test extends AbstractLifecycleIntegrityTest {
}
