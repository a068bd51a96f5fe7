package org.smartcustoms.declaration.wco;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small immutable-after-parse element tree: what the mapper needs (local names, namespace, attributes, text,
 * source position) without DOM's weight or its entity machinery.
 */
final class XmlElement {
    final String ns;
    final String name;
    final int line;
    final int column;
    final XmlElement parent;
    final Map<String, String> attributes = new HashMap<>();
    final List<XmlElement> children = new ArrayList<>();
    final StringBuilder text = new StringBuilder();

    XmlElement(String ns, String name, int line, int column, XmlElement parent) {
        this.ns = ns == null ? "" : ns;
        this.name = name;
        this.line = line;
        this.column = column;
        this.parent = parent;
    }

    /** Trimmed text content, or null when blank. */
    String text() {
        String t = text.toString().trim();
        return t.isEmpty() ? null : t;
    }

    String attribute(String localName) {
        return attributes.get(localName);
    }

    boolean is(String localName, Set<String> namespaces) {
        return name.equals(localName) && namespaces.contains(ns);
    }

    /** XPath-like location with 1-based positions among same-named siblings where there is more than one. */
    String path() {
        StringBuilder sb = new StringBuilder();
        for (XmlElement e = this; e != null; e = e.parent) {
            String step = e.name;
            if (e.parent != null) {
                int same = 0;
                int pos = 0;
                for (XmlElement s : e.parent.children) {
                    if (s.name.equals(e.name)) {
                        same++;
                        if (s == e) pos = same;
                    }
                }
                if (same > 1) step += "[" + pos + "]";
            }
            sb.insert(0, "/" + step);
        }
        return sb.toString();
    }

    String position() {
        return "line " + line + ", column " + column;
    }
}
