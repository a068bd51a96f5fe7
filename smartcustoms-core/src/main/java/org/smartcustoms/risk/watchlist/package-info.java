/** Deductive risk: watch lists of traders (exact id, normalised and fuzzy name) and commodity targets, with CSV import. */
package org.smartcustoms.risk.watchlist;
