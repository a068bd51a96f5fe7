/**
 * The JSON form of a declaration (record field names, camelCase). {@link org.smartcustoms.declaration.json.DeclarationJson}
 * is the only entry point; its Jackson customisations stay package-private.
 */
package org.smartcustoms.declaration.json;
