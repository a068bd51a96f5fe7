package org.smartcustoms.consignment;

/** How the rows of a manifest are written: CSV with a header line, or JSON lines (one object per line). */
public enum ManifestFormat {
    CSV, JSON_LINES
}
