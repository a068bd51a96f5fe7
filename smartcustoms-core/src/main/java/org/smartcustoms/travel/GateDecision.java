package org.smartcustoms.travel;

/** What the e-gate does: open, send the traveller to the manned counter, or refuse the code. */
public enum GateDecision {
    OPEN, INSPECT, REFUSED
}
