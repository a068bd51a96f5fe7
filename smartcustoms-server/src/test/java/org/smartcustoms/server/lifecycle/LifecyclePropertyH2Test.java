package org.smartcustoms.server.lifecycle;

import org.smartcustoms.server.OnH2;

/** Lifecycle property test on a fresh in-memory H2. */
@OnH2
class LifecyclePropertyH2Test extends AbstractLifecyclePropertyTest {
}
