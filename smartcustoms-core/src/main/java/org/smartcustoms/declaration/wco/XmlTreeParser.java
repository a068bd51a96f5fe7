package org.smartcustoms.declaration.wco;

import org.smartcustoms.declaration.LimitedInputStream;
import java.io.InputStream;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.smartcustoms.declaration.InvalidDeclarationException;

/**
 * Parses untrusted XML into an {@link XmlElement} tree with the JDK's own StAX parser, hardened: no DTD at
 * all (a DOCTYPE is rejected, so neither external entities nor entity-expansion bombs can be declared), no
 * external access, the JDK's always-on secure-processing limits, a byte limit enforced while reading and a nesting-depth limit.
 */
final class XmlTreeParser {
    static final int MAX_DEPTH = 64;

    private final XMLInputFactory factory;
    private final long maxBytes;

    XmlTreeParser(long maxBytes) {
        this.maxBytes = maxBytes;
        // newDefaultFactory: always the JDK implementation, never whatever StAX provider sits on the classpath.
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        // FEATURE_SECURE_PROCESSING is not a settable StAX property: the JDK StAX parser always applies its
        // XMLSecurityManager limits (entity expansion, element depth, name/attribute sizes).
        // Problems become exceptions with positions; nothing is printed to stderr.
        f.setXMLReporter((message, type, info, location) -> { });
        this.factory = f;
    }

    XmlElement parse(InputStream raw) {
        LimitedInputStream in = new LimitedInputStream(raw, maxBytes);
        XMLStreamReader r = null;
        try {
            r = factory.createXMLStreamReader(XmlEncoding.reader(in));
            XmlElement root = null;
            XmlElement current = null;
            int depth = 0;
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.DTD -> throw error("/", "XML_DOCTYPE_FORBIDDEN",
                            "DOCTYPE declarations are not allowed (" + pos(r.getLocation()) + ")");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw error(current == null ? "/" : current.path(),
                            "XML_ENTITY_FORBIDDEN", "entity reference '&" + r.getLocalName() + ";' is not allowed ("
                                    + pos(r.getLocation()) + ")");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++depth > MAX_DEPTH) {
                            throw error(current.path(), "XML_TOO_DEEP", "elements nested deeper than " + MAX_DEPTH
                                    + " levels (" + pos(r.getLocation()) + ")");
                        }
                        Location loc = r.getLocation();
                        XmlElement e = new XmlElement(r.getNamespaceURI(), r.getLocalName(), loc.getLineNumber(),
                                loc.getColumnNumber(), current);
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            e.attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                        }
                        if (current == null) root = e; else current.children.add(e);
                        current = e;
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        depth--;
                        current = current.parent;
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (current != null) current.text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                    }
                    default -> { }
                }
            }
            if (root == null) throw error("/", "XML_MALFORMED", "no root element");
            return root;
        } catch (java.io.IOException e) {
            if (in.exceeded()) throw tooLarge();
            throw error("/", "XML_MALFORMED", "cannot read XML: " + e.getMessage());
        } catch (XMLStreamException e) {
            if (in.exceeded()) throw tooLarge();
            if (causedBy(e, java.nio.charset.CharacterCodingException.class)) {
                Location at = e.getLocation() != null ? e.getLocation() : lastLocation(r);
                throw error("/", "XML_MALFORMED", "invalid byte sequence for the document's encoding after "
                        + pos(at));
            }
            throw error("/", "XML_MALFORMED", "malformed XML at " + pos(e.getLocation()) + ": " + cleanMessage(e));
        } catch (RuntimeException e) {
            if (in.exceeded() || e.getCause() instanceof LimitedInputStream.TooLargeException) throw tooLarge();
            throw e;
        } finally {
            if (r != null) {
                try { r.close(); } catch (XMLStreamException ignored) { /* nothing useful to report */ }
            }
        }
    }

    private static Location lastLocation(XMLStreamReader r) {
        try {
            return r == null ? null : r.getLocation();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) return true;
            if (c instanceof XMLStreamException x && x.getNestedException() != null && type.isInstance(x.getNestedException())) return true;
        }
        return false;
    }

    private InvalidDeclarationException tooLarge() {
        return error("/", "XML_TOO_LARGE", "XML document exceeds the limit of " + maxBytes + " bytes");
    }

    static InvalidDeclarationException error(String path, String code, String message) {
        return new InvalidDeclarationException(path, code, message);
    }

    private static String pos(Location l) {
        return l == null ? "unknown position" : "line " + l.getLineNumber() + ", column " + l.getColumnNumber();
    }

    /** The JDK prefixes "ParseError at [row,col]:[..]\nMessage: "; the position is reported separately. */
    private static String cleanMessage(XMLStreamException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int i = m.indexOf("Message: ");
        return (i >= 0 ? m.substring(i + "Message: ".length()) : m).trim();
    }

}
