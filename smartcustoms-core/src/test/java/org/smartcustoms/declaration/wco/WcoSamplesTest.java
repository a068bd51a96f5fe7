package org.smartcustoms.declaration.wco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.InvalidDeclarationException;
import org.smartcustoms.declaration.json.DeclarationJson;
import org.smartcustoms.testing.SharedData;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads every DEC-DMS sample and compares the result with an independent expectation computed by DOM + XPath
 * over the same file (not through the reader's code).
 */
@Tag("shared-data")
class WcoSamplesTest {
    private static final String DEC = "urn:wco:datamodel:WCO:DEC-DMS:2";
    private static final String MD = "urn:wco:datamodel:WCO:DocumentMetaData-DMS:2";

    private final WcoXmlReader reader = new WcoXmlReader();
    private final DeclarationJson json = new DeclarationJson();
    private final XPath xpath = newXPath();
    private final XPathExpression declarationPath = compile("(/dec:Declaration | //md:MetaData/dec:Declaration)[1]");
    private final XPathExpression functionCode = compile("normalize-space(dec:FunctionCode)");
    private final XPathExpression typeCode = compile("normalize-space(dec:TypeCode)");
    private final XPathExpression goodsItemNodes = compile("dec:GoodsShipment/dec:GovernmentAgencyGoodsItem");
    private final XPathExpression lrn = compile("normalize-space(dec:FunctionalReferenceID)");
    private final XPathExpression declarationId = compile("normalize-space(dec:ID)");
    private final XPathExpression amendmentCount = compile("count(dec:Amendment)");
    private final XPathExpression tspCode = compile("normalize-space(dec:Commodity/dec:Classification[normalize-space(dec:IdentificationTypeCode)='TSP'][1]/dec:ID)");
    private final XPathExpression trcCode = compile("normalize-space(dec:Commodity/dec:Classification[normalize-space(dec:IdentificationTypeCode)='TRC'][1]/dec:ID)");

    @Test
    void everySampleIsReadOrRejectedLikeTheXPathExpectationSays() throws Exception {
        Path dir = SharedData.require("wco-dec-dms/samples");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        Map<String, Integer> outcome = new TreeMap<>();
        int goodsItems = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            byte[] bytes = Files.readAllBytes(file);
            Document doc = expectationDom(bytes);
            if (doc == null) {
                InvalidDeclarationException e = catchThrowableOfType(InvalidDeclarationException.class, () -> reader.read(bytes));
                assertThat(e).as(name + ": not well-formed, must be rejected").isNotNull();
                assertThat(e.violations().get(0).code()).as(name).isEqualTo("XML_MALFORMED");
                assertThat(e.violations().get(0).message()).as(name).containsPattern("line \\d+, column \\d+");
                outcome.merge("rejected: not well-formed", 1, Integer::sum);
                System.out.println("  rejected " + name + ": " + e.getMessage());
                continue;
            }
            Node decl = (Node) declarationPath.evaluate(doc, XPathConstants.NODE);
            if (decl == null) {
                InvalidDeclarationException e = catchThrowableOfType(InvalidDeclarationException.class, () -> reader.read(bytes));
                assertThat(e).as(name + ": no DEC-DMS Declaration, must be rejected").isNotNull();
                assertThat(e.violations().get(0).code()).as(name).isEqualTo("XML_NOT_A_DECLARATION");
                System.out.println("  rejected " + name + ": " + e.getMessage());
                outcome.merge("rejected: no DEC-DMS Declaration (root " + doc.getDocumentElement().getNodeName() + ")", 1, Integer::sum);
                continue;
            }
            String function = functionCode.evaluate(decl);
            Declaration d = reader.read(bytes);
            goodsItems += d.items().size();
            assertThat(json.read(json.write(d))).as(name + " survives the JSON form").isEqualTo(d);
            outcome.merge("parsed: FunctionCode " + function + (function.equals("13")
                    ? " TypeCode " + typeCode.evaluate(decl) : ""), 1, Integer::sum);

            NodeList items = (NodeList) goodsItemNodes.evaluate(decl, XPathConstants.NODESET);
            assertThat(d.items()).as(name + " goods items").hasSize(items.getLength());
            assertThat(d.items().stream().map(GoodsItem::commodityCode).toList()).as(name + " commodity codes")
                    .isEqualTo(expectedCodes(items));
            assertThat(d.lrn()).as(name).isEqualTo(blankToNull(lrn.evaluate(decl)));

            switch (function) {
                case "9" -> {
                    assertThat(d.functionCode()).isEqualTo(Declaration.FUNCTION_ORIGINAL);
                    assertThat(d.type().combined()).as(name).isEqualTo(typeCode.evaluate(decl));
                }
                case "13" -> {
                    boolean invalidation = typeCode.evaluate(decl).equals("INV");
                    assertThat(d.functionCode()).as(name)
                            .isEqualTo(invalidation ? Declaration.FUNCTION_CANCELLATION : Declaration.FUNCTION_AMENDMENT);
                    String id = blankToNull(declarationId.evaluate(decl));
                    if (id != null) assertThat(d.referencedId()).as(name + " referencedId").isEqualTo(id);
                    double amendments = (Double) amendmentCount.evaluate(decl, XPathConstants.NUMBER);
                    assertThat(reader.readMessage(bytes).changes()).as(name).hasSize((int) amendments);
                }
                default -> throw new AssertionError(name + ": unexpected FunctionCode " + function);
            }
        }
        System.out.println("WCO DEC-DMS samples: " + files.size() + " files, " + goodsItems + " goods items read");
        outcome.forEach((k, v) -> System.out.println("  " + v + " " + k));
        assertThat(outcome.entrySet().stream().filter(e -> e.getKey().startsWith("parsed: FunctionCode 9"))
                .mapToInt(Map.Entry::getValue).sum()).isPositive();
    }

    /** Independent rule: per item, the TSP code, followed by the TRC code when the TSP code has 8 digits. */
    private List<String> expectedCodes(NodeList items) throws Exception {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < items.getLength(); i++) {
            Node item = items.item(i);
            String tsp = tspCode.evaluate(item);
            String trc = trcCode.evaluate(item);
            codes.add(tsp.isEmpty() ? null : tsp.length() == 8 ? tsp + trc : tsp);
        }
        return codes;
    }

    private XPathExpression compile(String expression) {
        try {
            return xpath.compile(expression);
        } catch (javax.xml.xpath.XPathExpressionException e) {
            throw new IllegalStateException(expression, e);
        }
    }

    private static Document expectationDom(byte[] bytes) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(in);
        } catch (SAXException | IOException e) {
            return null;
        }
    }

    private static XPath newXPath() {
        XPath x = XPathFactory.newInstance().newXPath();
        x.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return switch (prefix) {
                    case "dec" -> DEC;
                    case "md" -> MD;
                    default -> XMLConstants.NULL_NS_URI;
                };
            }

            @Override
            public String getPrefix(String uri) { return null; }

            @Override
            public Iterator<String> getPrefixes(String uri) { return null; }
        });
        return x;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
