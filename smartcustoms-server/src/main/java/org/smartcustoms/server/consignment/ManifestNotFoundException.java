package org.smartcustoms.server.consignment;

/** No manifest with that id that the caller may see (404). */
public class ManifestNotFoundException extends RuntimeException {
    public ManifestNotFoundException(String id) {
        super("No manifest " + id);
    }
}
