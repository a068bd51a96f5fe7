package org.smartcustoms.server.enforcement;

/** No such seizure, person, company or suspicion report (404). */
public class EnforcementNotFoundException extends RuntimeException {
    public EnforcementNotFoundException(String what) {
        super("No " + what);
    }
}
