/**
 * WCO Data Model 3.6 DEC-DMS XML intake. {@link org.smartcustoms.declaration.wco.WcoXmlReader} is the only
 * entry point; parsing and mapping helpers stay package-private.
 */
package org.smartcustoms.declaration.wco;
