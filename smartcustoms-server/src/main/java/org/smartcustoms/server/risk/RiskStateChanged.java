package org.smartcustoms.server.risk;

import java.util.List;
import java.util.Objects;

/**
 * A change to the risk engine's shared state, published (as a Spring application event) inside the transaction that
 * stores it. In cluster mode the shared-state log sends it to the other nodes once that transaction has committed;
 * on a single node nothing listens.
 */
public sealed interface RiskStateChanged {
    /** A rule was stored at {@code version} (created, revised or disabled). */
    record Rule(String ruleId, int version) implements RiskStateChanged {
        public Rule {
            Objects.requireNonNull(ruleId, "ruleId");
            if (version < 1) throw new IllegalArgumentException("rule versions start at 1");
        }
    }

    /** A watch list of {@code kind} was replaced; {@code version} is its stored file's sequence number. */
    record WatchList(RiskService.WatchListKind kind, long version) implements RiskStateChanged {
        public WatchList {
            Objects.requireNonNull(kind, "kind");
            if (version < 1) throw new IllegalArgumentException("watch-list versions start at 1");
        }
    }

    /** A model was registered under {@code version}. */
    record ModelRegistered(String version) implements RiskStateChanged {
        public ModelRegistered {
            Objects.requireNonNull(version, "version");
        }
    }

    /** The promoted model changed (promotion or rollback); {@code history} is the registry's promotion history, newest last. */
    record ModelPromoted(String version, List<String> history) implements RiskStateChanged {
        public ModelPromoted {
            Objects.requireNonNull(version, "version");
            history = List.copyOf(history);
            if (history.isEmpty() || !history.get(history.size() - 1).equals(version)) {
                throw new IllegalArgumentException("the promotion history ends with the promoted version");
            }
        }
    }
}
