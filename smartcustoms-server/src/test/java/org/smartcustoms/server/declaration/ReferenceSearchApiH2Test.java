package org.smartcustoms.server.declaration;

import org.smartcustoms.server.OnH2;

/** LRN/MRN search on H2. */
@OnH2
class ReferenceSearchApiH2Test extends AbstractReferenceSearchApiTest {
}
