package org.smartcustoms.server.risk;

/** No rule with that id (404). */
public class RuleNotFoundException extends RuntimeException {
    public RuleNotFoundException(String id) {
        super("No rule " + id);
    }
}
