package org.smartcustoms.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What a WCO DEC-DMS sample file should read as, computed independently of the reader: the JDK DOM parser and
 * XPath over local names. Shared by the core reader test and the server API test (core test-jar).
 *
 * <p>Two real-world defects of the published samples are handled here in their own way, not with the reader's
 * code: a document that is not well-formed only because of {@code --} inside comments is parsed again with
 * every comment removed by a regular expression (a comment ends at the first {@code -->}); and a declaration in
 * the colon-stripped namespace {@code urnwcodatamodelWCODEC-DMS2} counts as DEC-DMS.
 */
public record WcoSampleExpectation(Status status, boolean commentsRepaired, String functionCode, String typeCode,
                                   String lrn, String declarationId, String declarantId, int amendments,
                                   List<String> commodityCodes) {
    public enum Status { NOT_WELL_FORMED, NOT_A_DECLARATION, DECLARATION }

    private static final Set<String> DEC_NAMESPACES = Set.of("urn:wco:datamodel:WCO:DEC-DMS:2", "urnwcodatamodelWCODEC-DMS2");
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

    public int itemCount() {
        return commodityCodes.size();
    }

    public boolean isDeclaration() {
        return status == Status.DECLARATION;
    }

    /** The expectation for one file's bytes. */
    public static WcoSampleExpectation of(byte[] bytes) {
        boolean repaired = false;
        Document doc = dom(bytes);
        if (doc == null) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            doc = dom(COMMENT.matcher(text).replaceAll("").getBytes(StandardCharsets.UTF_8));
            repaired = doc != null;
        }
        if (doc == null) return new WcoSampleExpectation(Status.NOT_WELL_FORMED, false, null, null, null, null, null, 0, List.of());
        try {
            XPath x = XPathFactory.newInstance().newXPath();
            Node decl = (Node) x.evaluate("(/*[local-name()='Declaration'] | //*[local-name()='MetaData' or local-name()='mdMetaData']"
                    + "/*[local-name()='Declaration'])[1]", doc, XPathConstants.NODE);
            boolean bareRoot = decl != null && decl.getParentNode() == doc && decl.getNamespaceURI() == null;
            if (decl == null || !bareRoot && !DEC_NAMESPACES.contains(decl.getNamespaceURI())) {
                return new WcoSampleExpectation(Status.NOT_A_DECLARATION, repaired, null, null, null, null, null, 0, List.of());
            }
            String type = text(x, "*[local-name()='TypeCode']", decl);
            String declarant = text(x, "*[local-name()='Declarant']/*[local-name()='ID']", decl);
            if (declarant == null) {
                String role = type != null && (type.startsWith("EX") || type.startsWith("CO")) ? "Exporter" : "Importer";
                declarant = text(x, "*[local-name()='GoodsShipment']/*[local-name()='" + role + "']/*[local-name()='ID']", decl);
            }
            NodeList items = (NodeList) x.evaluate("*[local-name()='GoodsShipment']/*[local-name()='GovernmentAgencyGoodsItem']",
                    decl, XPathConstants.NODESET);
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < items.getLength(); i++) {
                Node item = items.item(i);
                String tsp = classification(x, item, "TSP");
                String trc = classification(x, item, "TRC");
                codes.add(tsp == null ? null : tsp.length() == 8 && trc != null ? tsp + trc : tsp);
            }
            int amendments = ((Double) x.evaluate("count(*[local-name()='Amendment'])", decl, XPathConstants.NUMBER)).intValue();
            return new WcoSampleExpectation(Status.DECLARATION, repaired, text(x, "*[local-name()='FunctionCode']", decl), type,
                    text(x, "*[local-name()='FunctionalReferenceID']", decl), text(x, "*[local-name()='ID']", decl),
                    declarant, amendments, codes);
        } catch (XPathExpressionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String classification(XPath x, Node item, String kind) throws XPathExpressionException {
        return text(x, "*[local-name()='Commodity']/*[local-name()='Classification'][normalize-space(*[local-name()='IdentificationTypeCode'])='"
                + kind + "'][1]/*[local-name()='ID']", item);
    }

    private static String text(XPath x, String path, Node context) throws XPathExpressionException {
        String s = x.evaluate("normalize-space(" + path + ")", context);
        return s == null || s.isBlank() ? null : s;
    }

    private static Document dom(byte[] bytes) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (SAXException | IOException | javax.xml.parsers.ParserConfigurationException e) {
            return null;
        }
    }
}
