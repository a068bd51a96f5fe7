/**
 * Derived risk features (unit price, price per kg, deviation from the HS x origin norm, party history)
 * and the {@link org.smartcustoms.risk.features.RiskContext} port they are computed from.
 */
package org.smartcustoms.risk.features;
