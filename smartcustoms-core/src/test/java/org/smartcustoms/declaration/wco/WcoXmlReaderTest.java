package org.smartcustoms.declaration.wco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartcustoms.declaration.FunctionCode;
import org.smartcustoms.declaration.AdditionalInformation;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DocumentRef;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.InvalidDeclarationException;
import org.smartcustoms.declaration.Money;
import org.smartcustoms.declaration.Packaging;
import org.smartcustoms.declaration.Party;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.declaration.Quantity;
import org.smartcustoms.declaration.Transport;
import org.smartcustoms.declaration.Violation;

class WcoXmlReaderTest {
    private static final String DEC = "urn:wco:datamodel:WCO:DEC-DMS:2";
    private final WcoXmlReader reader = new WcoXmlReader();

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = WcoXmlReaderTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Violation rejected(byte[] xml) {
        InvalidDeclarationException e = catchThrowableOfType(InvalidDeclarationException.class, () -> reader.read(xml));
        assertThat(e).as("expected rejection").isNotNull();
        assertThat(e.violations()).isNotEmpty();
        return e.violations().get(0);
    }

    @Test
    void mapsAFullImportDeclaration() throws IOException {
        Declaration d = reader.read(resource("import-full.xml"));

        assertThat(d.functionCode()).isEqualTo(FunctionCode.ORIGINAL);
        assertThat(d.lrn()).isEqualTo("LRN-TEST-0001");
        assertThat(d.type().combined()).isEqualTo("IMA");
        assertThat(d.declarationDate()).isEqualTo(LocalDate.of(2026, 3, 15));
        assertThat(d.officeId()).isEqualTo("GBLHR001");
        assertThat(d.invoiceAmount()).isEqualTo(new Money(new BigDecimal("12500.50"), "USD"));
        assertThat(d.deliveryTerms()).isEqualTo("CIF");
        assertThat(d.goodsLocation()).isEqualTo("GBAUFXTFXTFXT");
        assertThat(d.referencedId()).isNull();
        assertThat(d.parties()).containsExactlyInAnyOrder(
                new Party(PartyRole.REPRESENTATIVE, "GB111111111000", null, null, "2"),
                new Party(PartyRole.AUTHORISATION_HOLDER, "GB553202734852", null, null, "CGU"),
                new Party(PartyRole.AUTHORISATION_HOLDER, "GB553202734852", null, null, "DPO"),
                new Party(PartyRole.DECLARANT, "GB111111111000", null, null),
                new Party(PartyRole.EXPORTER, null, "Shenzhen Widgets Ltd", "CN"),
                new Party(PartyRole.BUYER, null, "Acme Imports", "GB"),
                new Party(PartyRole.CONSIGNEE, "GB553202734852", null, null),
                new Party(PartyRole.CARRIER, "GB999999999000", null, null));
        assertThat(d.declarantId()).isEqualTo("GB111111111000");
        assertThat(d.transport()).isEqualTo(new Transport("1", "3", "PA", "ARRIVAL-1", "11", "CNSZX", null, "CN", "1"));
        assertThat(d.additionalDocuments()).containsExactly(new DocumentRef("1", "DAN", "1108654"),
                new DocumentRef("Z", "740", "MAWB-123"));

        assertThat(d.items()).hasSize(2);
        GoodsItem first = d.items().get(0);
        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.description()).isEqualTo("Electric kettles");
        assertThat(first.commodityCode()).isEqualTo("8516108000");
        assertThat(first.originCountry()).isEqualTo("CN");
        assertThat(first.preferentialOriginCountry()).isNull();
        assertThat(first.quantity()).isEqualTo(new Quantity(new BigDecimal("1000"), "NAR"));
        assertThat(first.netMassKg()).isEqualByComparingTo("500");
        assertThat(first.grossMassKg()).isEqualByComparingTo("520.5");
        assertThat(first.statisticalValue()).isEqualTo(Money.of("9000", "GBP"));
        assertThat(first.customsValue()).as("item price when no CustomsValueAmount").isEqualTo(Money.of("10000", "USD"));
        assertThat(first.valuationMethod()).isEqualTo("1");
        assertThat(first.procedureCode()).isEqualTo("4000");
        assertThat(first.additionalProcedures()).containsExactly("000");
        assertThat(first.preferenceCode()).isEqualTo("100");
        assertThat(first.previousDocuments()).containsExactly(new DocumentRef("Z", "DCR", "20GB000001"));
        assertThat(first.additionalDocuments()).containsExactly(new DocumentRef("N", "935", "INV-77"));
        assertThat(first.packaging()).containsExactly(new Packaging("CT", 40, "ACME 1-40"));
        assertThat(first.additionalInformation()).containsExactly(new AdditionalInformation("00500", "IMPORTER"));

        GoodsItem second = d.items().get(1);
        assertThat(second.commodityCode()).isEqualTo("851672");
        assertThat(second.originCountry()).isEqualTo("CN");
        assertThat(second.preferentialOriginCountry()).isEqualTo("VN");
        assertThat(second.netMassKg()).isEqualByComparingTo("2.5");
        assertThat(second.grossMassKg()).isEqualByComparingTo("3");
        assertThat(second.customsValue()).isEqualTo(Money.of("2000", "GBP"));
        assertThat(second.procedureCode()).isEqualTo("4071");
        assertThat(second.additionalProcedures()).containsExactly("1CW");
    }

    @Test
    void readsFromAStreamAsFromBytes() throws IOException {
        byte[] xml = resource("import-full.xml");
        assertThat(reader.read(new java.io.ByteArrayInputStream(xml))).isEqualTo(reader.read(xml));
    }

    @Test
    void acceptsABareDeclarationRootWithOrWithoutNamespace() {
        String body = "<FunctionCode>9</FunctionCode><FunctionalReferenceID>L1</FunctionalReferenceID><TypeCode>EXD</TypeCode>"
                + "<GoodsShipment><GovernmentAgencyGoodsItem><SequenceNumeric>1</SequenceNumeric></GovernmentAgencyGoodsItem>"
                + "</GoodsShipment>";
        for (String root : new String[] {"<Declaration xmlns=\"" + DEC + "\">", "<Declaration>"}) {
            Declaration d = reader.read(utf8(root + body + "</Declaration>"));
            assertThat(d.lrn()).isEqualTo("L1");
            assertThat(d.type().isExport()).isTrue();
            assertThat(d.type().additionalType()).isEqualTo("D");
            assertThat(d.items()).extracting(GoodsItem::sequence).containsExactly(1);
        }
    }

    @Test
    void amendmentCarriesReferencedIdChangesAndStatements() {
        String xml = "<Declaration xmlns=\"" + DEC + "\"><FunctionCode>13</FunctionCode>"
                + "<FunctionalReferenceID>AMD-1</FunctionalReferenceID><ID>22GB9TOG03BRZ1GA02</ID><TypeCode>COR</TypeCode>"
                + "<AdditionalInformation><StatementDescription>Net weight</StatementDescription><StatementTypeCode>AES</StatementTypeCode></AdditionalInformation>"
                + "<Amendment><ChangeReasonCode>28</ChangeReasonCode>"
                + "<Pointer><SequenceNumeric>1</SequenceNumeric><DocumentSectionCode>42A</DocumentSectionCode></Pointer>"
                + "<Pointer><DocumentSectionCode>67A</DocumentSectionCode></Pointer>"
                + "<Pointer><SequenceNumeric>1</SequenceNumeric><DocumentSectionCode>65A</DocumentSectionCode><TagID>128</TagID></Pointer>"
                + "</Amendment><GoodsShipment><GovernmentAgencyGoodsItem><SequenceNumeric>1</SequenceNumeric><Commodity><GoodsMeasure>"
                + "<NetNetWeightMeasure unitCode=\"KGM\">89</NetNetWeightMeasure></GoodsMeasure></Commodity></GovernmentAgencyGoodsItem>"
                + "</GoodsShipment></Declaration>";
        WcoXmlReader.Message m = reader.readMessage(utf8(xml));
        assertThat(m.declaration().isAmendment()).isTrue();
        assertThat(m.declaration().referencedId()).isEqualTo("22GB9TOG03BRZ1GA02");
        assertThat(m.declaration().type()).as("COR is the message type, not a declaration type").isNull();
        assertThat(m.declaration().items().get(0).netMassKg()).isEqualByComparingTo("89");
        assertThat(m.changes()).containsExactly(new WcoXmlReader.Change("28", "42A#1/67A/65A#1:128"));
        assertThat(m.statements()).containsExactly(new AdditionalInformation("AES", "Net weight"));
    }

    @Test
    void invalidationRequestBecomesCancellation() {
        String xml = "<Declaration xmlns=\"" + DEC + "\"><FunctionCode>13</FunctionCode><FunctionalReferenceID>C-1</FunctionalReferenceID>"
                + "<ID>21GBCANCELME000001</ID><TypeCode>INV</TypeCode><Submitter><ID>GB1</ID></Submitter>"
                + "<AdditionalInformation><StatementDescription>Goods not shipped</StatementDescription><StatementTypeCode>AES</StatementTypeCode></AdditionalInformation>"
                + "<Amendment><ChangeReasonCode>1</ChangeReasonCode></Amendment></Declaration>";
        Declaration d = reader.read(utf8(xml));
        assertThat(d.functionCode()).isEqualTo(FunctionCode.CANCELLATION);
        assertThat(d.isCancellation()).isTrue();
        assertThat(d.referencedId()).isEqualTo("21GBCANCELME000001");
    }

    @Test
    void rejectsMalformedXmlWithPosition() {
        Violation v = rejected(utf8("<Declaration>\n  <FunctionCode>9</FunctionCode>\n  <Oops></Declaration>"));
        assertThat(v.code()).isEqualTo("XML_MALFORMED");
        assertThat(v.message()).contains("line 3").contains("column");
    }

    @Test
    void rejectsExternalEntitiesWithoutReadingThem(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        for (String target : new String[] {"file:///etc/passwd", secret.toUri().toString()}) {
            String xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"" + target + "\">]>"
                    + "<Declaration><FunctionCode>9</FunctionCode><FunctionalReferenceID>&e;</FunctionalReferenceID></Declaration>";
            InvalidDeclarationException e = catchThrowableOfType(InvalidDeclarationException.class, () -> reader.read(utf8(xml)));
            assertThat(e).isNotNull();
            assertThat(e.violations().get(0).code()).isEqualTo("XML_DOCTYPE_FORBIDDEN");
            assertThat(e.toString()).doesNotContain("root:").doesNotContain("TOP-SECRET-CONTENT");
            assertThat(e.violations().toString()).doesNotContain("root:").doesNotContain("TOP-SECRET-CONTENT");
        }
    }

    @Test
    void rejectsExternalDtdsAndParameterEntities(@TempDir Path dir) throws IOException {
        Path dtd = dir.resolve("evil.dtd");
        Files.writeString(dtd, "<!ENTITY leak \"LEAKED-FROM-DTD\">");
        String[] docs = {
            "<!DOCTYPE Declaration SYSTEM \"" + dtd.toUri() + "\"><Declaration><FunctionalReferenceID>&leak;</FunctionalReferenceID></Declaration>",
            "<!DOCTYPE Declaration [<!ENTITY % p SYSTEM \"" + dtd.toUri() + "\"> %p;]><Declaration><FunctionalReferenceID>&leak;</FunctionalReferenceID></Declaration>",
            "<!DOCTYPE Declaration PUBLIC \"-//X//Y\" \"http://127.0.0.1:9/evil.dtd\"><Declaration/>"};
        for (String xml : docs) {
            InvalidDeclarationException e = catchThrowableOfType(InvalidDeclarationException.class, () -> reader.read(utf8(xml)));
            assertThat(e).as(xml).isNotNull();
            assertThat(e.violations().get(0).code()).as(xml).isEqualTo("XML_DOCTYPE_FORBIDDEN");
            assertThat(e.violations().toString()).doesNotContain("LEAKED-FROM-DTD");
        }
    }

    @Test
    void rejectsEntityReferencesWithoutADoctype() {
        Violation v = rejected(utf8("<Declaration><FunctionCode>&e;</FunctionCode></Declaration>"));
        assertThat(v.code()).isIn("XML_MALFORMED", "XML_ENTITY_FORBIDDEN");
    }

    @Test
    void rejectsBillionLaughs() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            sb.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) sb.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            sb.append("\">");
        }
        sb.append("]><Declaration><FunctionalReferenceID>&lol9;</FunctionalReferenceID></Declaration>");
        assertThat(rejected(utf8(sb.toString())).code()).isEqualTo("XML_DOCTYPE_FORBIDDEN");
    }

    @Test
    void stopsReadingAnEndlessStreamAtTheLimit() {
        WcoXmlReader small = new WcoXmlReader(64 * 1024);
        byte[] head = utf8("<Declaration><FunctionCode>9</FunctionCode><GoodsShipment>");
        byte[] item = utf8("<GovernmentAgencyGoodsItem><SequenceNumeric>1</SequenceNumeric></GovernmentAgencyGoodsItem>");
        long[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                long i = served[0]++;
                return i < head.length ? head[(int) i] : item[(int) ((i - head.length) % item.length)];
            }
        };
        InvalidDeclarationException e = catchThrowableOfType(InvalidDeclarationException.class, () -> small.read(endless));
        assertThat(e).isNotNull();
        assertThat(e.violations().get(0).code()).isEqualTo("XML_TOO_LARGE");
        assertThat(served[0]).as("bytes pulled from the stream").isLessThanOrEqualTo(64 * 1024 + 16 * 1024);
        assertThat(catchThrowableOfType(InvalidDeclarationException.class, () -> small.read(new byte[64 * 1024 + 1]))
                .violations().get(0).code()).isEqualTo("XML_TOO_LARGE");
    }

    @Test
    void rejectsWrongRootAndNotifications() {
        Violation wrong = rejected(utf8("<Invoice xmlns=\"" + DEC + "\"><ID>1</ID></Invoice>"));
        assertThat(wrong.code()).isEqualTo("XML_NOT_A_DECLARATION");
        assertThat(wrong.message()).contains("Invoice");

        Violation notification = rejected(utf8("<md:MetaData xmlns:md=\"urn:wco:datamodel:WCO:DocumentMetaData-DMS:2\">"
                + "<md:WCOTypeName>RES</md:WCOTypeName><Response xmlns=\"urn:wco:datamodel:WCO:RES-DMS:2\"><FunctionCode>01</FunctionCode>"
                + "</Response></md:MetaData>"));
        assertThat(notification.code()).isEqualTo("XML_NOT_A_DECLARATION");
        assertThat(notification.message()).contains("Response");

        Violation foreignNamespace = rejected(utf8("<Declaration xmlns=\"urn:example:other\"><FunctionCode>9</FunctionCode></Declaration>"));
        assertThat(foreignNamespace.code()).isEqualTo("XML_NOT_A_DECLARATION");
    }

    @Test
    void reportsEveryBadNumberWithItsElementPath() {
        String xml = "<Declaration><FunctionCode>9</FunctionCode><GoodsShipment>"
                + "<GovernmentAgencyGoodsItem><SequenceNumeric>1</SequenceNumeric></GovernmentAgencyGoodsItem>"
                + "<GovernmentAgencyGoodsItem><SequenceNumeric>2</SequenceNumeric><Commodity><GoodsMeasure>\n"
                + "<TariffQuantity unitCode=\"NAR\">twelve</TariffQuantity><NetNetWeightMeasure>1,5</NetNetWeightMeasure>"
                + "</GoodsMeasure></Commodity></GovernmentAgencyGoodsItem></GoodsShipment></Declaration>";
        InvalidDeclarationException e = catchThrowableOfType(InvalidDeclarationException.class, () -> reader.read(utf8(xml)));
        assertThat(e.violations()).extracting(Violation::code).containsOnly("XML_BAD_NUMBER");
        assertThat(e.violations()).extracting(Violation::path).containsExactlyInAnyOrder(
                "/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[2]/Commodity/GoodsMeasure/NetNetWeightMeasure",
                "/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[2]/Commodity/GoodsMeasure/TariffQuantity");
        assertThat(e.violations().get(0).message()).contains("line 2");

        Violation huge = rejected(utf8("<Declaration><FunctionCode>9</FunctionCode><InvoiceAmount currencyID=\"EUR\">1e999999999"
                + "</InvoiceAmount></Declaration>"));
        assertThat(huge.code()).isEqualTo("XML_BAD_NUMBER");
        assertThat(huge.path()).isEqualTo("/Declaration/InvoiceAmount");
        assertThat(huge.message()).contains("out of range");
    }

    @Test
    void rejectsUnsupportedFunctionCodeAndBadDates() {
        assertThat(rejected(utf8("<Declaration><FunctionCode>42</FunctionCode></Declaration>")).code())
                .isEqualTo("XML_BAD_FUNCTION_CODE");
        Violation date = rejected(utf8("<Declaration><FunctionCode>9</FunctionCode><IssueDateTime><DateTimeString formatCode=\"102\">"
                + "20261340</DateTimeString></IssueDateTime></Declaration>"));
        assertThat(date.code()).isEqualTo("XML_BAD_DATE");
        assertThat(date.path()).isEqualTo("/Declaration/IssueDateTime/DateTimeString");
    }

    @Test
    void honoursByteOrderMarksAndDeclaredEncodings() {
        String doc = "<Declaration><FunctionCode>9</FunctionCode><FunctionalReferenceID>Zoë-Müller</FunctionalReferenceID></Declaration>";
        byte[] utf16 = ("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + doc).getBytes(StandardCharsets.UTF_16BE);
        assertThat(reader.read(utf16).lrn()).isEqualTo("Zoë-Müller");
        byte[] latin1 = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + doc).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(reader.read(latin1).lrn()).isEqualTo("Zoë-Müller");
        byte[] bomUtf8 = ("\uFEFF" + doc).getBytes(StandardCharsets.UTF_8);
        assertThat(reader.read(bomUtf8).lrn()).isEqualTo("Zoë-Müller");
    }

    @Test
    void rejectsInvalidByteSequencesAndUnknownEncodings() {
        byte[] bad = utf8("<Declaration>\n<FunctionCode>9</FunctionCode>\n<FunctionalReferenceID>X</FunctionalReferenceID>"
                + "<Z>a</Z></Declaration>");
        bad[bad.length - 16] = (byte) 0xC3; // lone lead byte of a 2-byte sequence, inside <Z>
        Violation v = rejected(bad);
        assertThat(v.code()).isEqualTo("XML_MALFORMED");
        assertThat(v.message()).contains("invalid byte sequence");
        Violation enc = rejected(utf8("<?xml version=\"1.0\" encoding=\"EBCDIC-XYZ\"?><Declaration/>"));
        assertThat(enc.code()).isEqualTo("XML_MALFORMED");
        assertThat(enc.message()).contains("EBCDIC-XYZ");
    }

    @Test
    void rejectsEmptyInput() {
        assertThat(rejected(new byte[0]).code()).isEqualTo("XML_MALFORMED");
        assertThatThrownBy(() -> new WcoXmlReader(0)).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------ tolerated real-world defects

    private static String minimal(String insideDeclaration) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Declaration xmlns=\"" + DEC + "\">\n"
                + "<FunctionCode>9</FunctionCode>\n<FunctionalReferenceID>LRN-1</FunctionalReferenceID>\n<TypeCode>IMA</TypeCode>\n"
                + insideDeclaration
                + "<GoodsShipment><GovernmentAgencyGoodsItem><SequenceNumeric>1</SequenceNumeric>"
                + "<Commodity><Description>a -- b</Description><Classification><ID>61091000</ID>"
                + "<IdentificationTypeCode>TSP</IdentificationTypeCode></Classification></Commodity>"
                + "<GovernmentProcedure><CurrentCode>40</CurrentCode><PreviousCode>00</PreviousCode></GovernmentProcedure>"
                + "</GovernmentAgencyGoodsItem></GoodsShipment>\n</Declaration>\n";
    }

    @Test
    void repairsDoubleHyphensInsideComments() {
        Declaration d = reader.read(utf8(minimal("<!-- DE 1/1 -- import --->\n<!-- -- -->\n")));
        assertThat(d.lrn()).isEqualTo("LRN-1");
        assertThat(d.type().combined()).isEqualTo("IMA");
        assertThat(d.items().get(0).description()).as("text outside comments untouched").isEqualTo("a -- b");
        assertThat(d.items().get(0).commodityCode()).isEqualTo("61091000");
    }

    @Test
    void anUnterminatedCommentEndsAtTheFirstCommentCloseAsXmlSays() {
        // the HMRC sample TT_IM084a: a comment closed with '>' instead of '-->' swallows what follows up to the next '-->'
        Declaration d = reader.read(utf8(minimal("<!-- DE 5/8 destination>\n<Destination><CountryCode>FR</CountryCode></Destination>\n"
                + "<!-- DE 1/9 items -->\n")));
        assertThat(d.lrn()).isEqualTo("LRN-1");
        assertThat(d.items()).hasSize(1);
        assertThat(d.items().get(0).procedureCode()).isEqualTo("4000");
    }

    @Test
    void doubleHyphensOutsideCommentsAreStillMalformed() {
        // a broken comment opener: the "--" is in markup, not in a comment, so no repair applies
        Violation broken = rejected(utf8(minimal("<-- not a comment -->\n")));
        assertThat(broken.code()).isEqualTo("XML_MALFORMED");
        assertThat(broken.message()).contains("line 6, column");
        // a comment defect plus another defect: the original error is reported, not a half-repaired document
        Violation both = rejected(utf8(minimal("<!-- a -- b -->\n<Oops>\n")));
        assertThat(both.code()).isEqualTo("XML_MALFORMED");
        assertThat(both.message()).contains("line 6").contains("\"--\"");
        // an unterminated comment cannot be repaired
        assertThat(rejected(utf8(minimal("<!-- a -- b \n").replace("-->", ""))).code()).isEqualTo("XML_MALFORMED");
    }

    @Test
    void commentRepairLeavesCdataAndTheSecurityRulesAlone() {
        Declaration d = reader.read(utf8(minimal("<!-- a -- b -->\n").replace("<Description>a -- b</Description>",
                "<Description><![CDATA[x <!-- y -- z --> w]]></Description>")));
        assertThat(d.items().get(0).description()).isEqualTo("x <!-- y -- z --> w");
        String doctype = "<?xml version=\"1.0\"?><!-- a -- b --><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<Declaration xmlns=\"" + DEC + "\"><FunctionCode>9</FunctionCode><FunctionalReferenceID>&e;</FunctionalReferenceID></Declaration>";
        Violation v = rejected(utf8(doctype));
        assertThat(v.code()).isIn("XML_MALFORMED", "XML_DOCTYPE_FORBIDDEN");
        assertThat(v.toString()).doesNotContain("root:");
        // bounded: a comment made of thousands of hyphens is hostile, not a stray typo
        assertThat(rejected(utf8(minimal("<!--" + "-".repeat(5000) + "x-->\n"))).code()).isEqualTo("XML_MALFORMED");
        // the size limit still applies to the document as sent
        WcoXmlReader small = new WcoXmlReader(600);
        byte[] big = utf8(minimal("<!-- a -- b -->\n<!--" + " ".repeat(600) + "-->\n"));
        assertThat(catchThrowableOfType(InvalidDeclarationException.class, () -> small.read(big)).violations().get(0).code())
                .isEqualTo("XML_TOO_LARGE");
        assertThat(catchThrowableOfType(InvalidDeclarationException.class, () -> small.read(new java.io.ByteArrayInputStream(big)))
                .violations().get(0).code()).isEqualTo("XML_TOO_LARGE");
    }

    /** As in the HMRC sample TT_IM222a: every ':' (and '_') stripped from prefixes and namespace URIs. */
    private static String colonStripped(String metaDataNs, String decNs) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<mdMetaData xmlnsmd=\"urnwcodatamodelWCODocumentMetaData-DMS2\" xmlns=\"" + metaDataNs + "\">"
                + "<mdWCOTypeName>DEC</mdWCOTypeName>"
                + "<Declaration xmlns=\"" + decNs + "\" xmlnsp1=\"urnwcodatamodelWCODeclarationDSDMS2\">"
                + "<AcceptanceDateTime><pDateTimeString formatCode=\"304\">20260224162530+01</pDateTimeString></AcceptanceDateTime>"
                + "<FunctionCode>9</FunctionCode><FunctionalReferenceID>U.7867523YQA0I</FunctionalReferenceID><TypeCode>IMY</TypeCode>"
                + "<Declarant><ID>GB553202734852</ID></Declarant>"
                + "<GoodsShipment><GovernmentAgencyGoodsItem><SequenceNumeric>1</SequenceNumeric>"
                + "<Commodity><Description>Sauce</Description><Classification><ID>21039090</ID><IdentificationTypeCode>TSP</IdentificationTypeCode>"
                + "</Classification><Classification><ID>89</ID><IdentificationTypeCode>TRC</IdentificationTypeCode></Classification></Commodity>"
                + "<Origin><CountryCode>US</CountryCode><TypeCode>1</TypeCode></Origin>"
                + "</GovernmentAgencyGoodsItem></GoodsShipment></Declaration></mdMetaData>";
    }

    @Test
    void readsDocumentsWhoseNamespaceColonsWereStripped() {
        String garbled = "urnwcodatamodelWCODEC-DMS2";
        Declaration d = reader.read(utf8(colonStripped(garbled, garbled)));
        assertThat(d.lrn()).isEqualTo("U.7867523YQA0I");
        assertThat(d.type().combined()).isEqualTo("IMY");
        assertThat(d.declarationDate()).isEqualTo(LocalDate.of(2026, 2, 24));
        assertThat(d.declarantId()).isEqualTo("GB553202734852");
        assertThat(d.items()).singleElement().satisfies(i -> {
            assertThat(i.commodityCode()).isEqualTo("2103909089");
            assertThat(i.originCountry()).isEqualTo("US");
        });
    }

    @Test
    void otherForeignNamespacesAreStillNotDeclarations() {
        assertThat(rejected(utf8(colonStripped("urn:example:other", "urn:example:other"))).code()).isEqualTo("XML_NOT_A_DECLARATION");
        assertThat(rejected(utf8(colonStripped("urnwcodatamodelWCODEC-DMS2", "urn:example:other"))).code()).isEqualTo("XML_NOT_A_DECLARATION");
        assertThat(rejected(utf8(colonStripped("urnwcodatamodelWCODEC-DMS2", "URNWCODATAMODELWCODEC-DMS2"))).code()).isEqualTo("XML_NOT_A_DECLARATION");
        // the p-prefix tolerance is for stripped documents only
        Violation noDate = rejected(utf8(colonStripped("urnwcodatamodelWCODEC-DMS2", "urnwcodatamodelWCODEC-DMS2")
                .replace("<FunctionCode>9</FunctionCode>", "<FunctionCode>7</FunctionCode>")));
        assertThat(noDate.code()).isEqualTo("XML_BAD_FUNCTION_CODE");
        Declaration proper = reader.read(utf8(minimal(
                "<AcceptanceDateTime><pDateTimeString formatCode=\"304\">20260224162530+01</pDateTimeString></AcceptanceDateTime>\n")));
        assertThat(proper.declarationDate()).as("pDateTimeString is not a DateTimeString in a proper namespace").isNull();
    }
}
