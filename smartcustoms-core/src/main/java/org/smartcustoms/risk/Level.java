package org.smartcustoms.risk;

/** Scorecard level of one threat. */
public enum Level { LOW, MEDIUM, HIGH }
