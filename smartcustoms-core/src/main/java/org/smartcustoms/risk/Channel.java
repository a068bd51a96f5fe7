package org.smartcustoms.risk;

/** Control channel: GREEN release, YELLOW documentary check, RED physical inspection. */
public enum Channel {
    GREEN, YELLOW, RED;

    Channel atLeast(Channel other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
