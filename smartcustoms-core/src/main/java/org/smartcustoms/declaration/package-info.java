/**
 * Declaration intake: the declaration as traders submit it (WCO Data Model shaped), its validation
 * rules, its lifecycle, and the readers for the formats it arrives in (JSON, WCO DEC-DMS XML, bulk CSV).
 */
package org.smartcustoms.declaration;
