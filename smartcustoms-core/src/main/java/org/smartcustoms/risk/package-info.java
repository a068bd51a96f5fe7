/**
 * The risk engine: combines watch lists, indexed CEL rules and the fraud model into a scored, explained
 * decision (scorecard per threat, control channel, random selection, AEO reduction). Entry point:
 * {@link org.smartcustoms.risk.RiskEngine#assess}.
 */
package org.smartcustoms.risk;
