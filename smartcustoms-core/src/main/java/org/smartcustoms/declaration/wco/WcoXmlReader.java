package org.smartcustoms.declaration.wco;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

import org.smartcustoms.declaration.AdditionalInformation;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.InvalidDeclarationException;

/**
 * Reads a WCO Data Model 3.6 DEC-DMS declaration (as used by UK CDS) from untrusted XML into a
 * {@link Declaration}. Exists so that traders' software speaking the WCO message can lodge directly; the
 * result is validated like any other submission.
 *
 * <p><b>Accepted documents.</b> A {@code Declaration} root (namespace {@code urn:wco:datamodel:WCO:DEC-DMS:2},
 * or no namespace), or {@code md:MetaData/Declaration}, also when MetaData sits inside a transport envelope
 * such as HMRC's {@code submitDeclarationRequest}. Anything else, including DMS notifications
 * ({@code MetaData/Response}) and documents whose namespaces are wrong, fails with {@code XML_NOT_A_DECLARATION}.
 *
 * <p><b>Security.</b> The JDK StAX parser with DTD support off: any DOCTYPE fails with
 * {@code XML_DOCTYPE_FORBIDDEN}, so no external entity, DTD or entity-expansion bomb is ever processed; external
 * access is disabled, the JDK secure-processing limits apply, nesting is limited, and the byte limit is enforced while the stream is
 * read ({@code XML_TOO_LARGE}). Parse errors are {@code XML_MALFORMED} with line and column.
 *
 * <p><b>Tolerated real-world defects</b> (both occur in HMRC's published samples; nothing else is relaxed):
 * <ul>
 * <li>Comments containing {@code --} (often an unterminated comment running into the next one): repaired by
 * {@link CommentRepair}, which only touches comment bodies, after a first parse failed; if the repaired document
 * does not parse either, the original {@code XML_MALFORMED} error is reported.</li>
 * <li>Namespace URIs with their {@code :} and {@code _} stripped (and prefixes glued to local names, e.g.
 * {@code <mdMetaData xmlns="urnwcodatamodelWCODEC-DMS2">}, {@code <pDateTimeString>}): such a URI is accepted
 * when it equals a DEC-DMS / MetaData / Declaration_DS namespace minus those characters; then {@code mdMetaData}
 * counts as the MetaData wrapper, elements are matched by local name in the garbled namespaces, and
 * {@code DateTimeString} may appear as {@code pDateTimeString} / {@code p1DateTimeString}. Any other foreign
 * namespace is still {@code XML_NOT_A_DECLARATION}.</li>
 * </ul>
 *
 * <p><b>Mapping conventions</b> (elements are matched by local name in the DEC-DMS / Declaration_DS namespaces;
 * unknown elements are ignored):
 * <ul>
 * <li>FunctionCode 9 → original, {@code TypeCode} (+ {@code AdditionalTypeCode} if separate) → type.
 * FunctionCode 13 is the UK CDS "request" message: {@code TypeCode INV} is an invalidation and becomes
 * {@link org.smartcustoms.declaration.FunctionCode#CANCELLATION} ("1", see {@code schemas/CANCEL.xsd}), {@code TypeCode COR} an
 * amendment ("13"); FunctionCode 1 is also read as cancellation. For 13/1 the declaration {@code ID} (the MRN of
 * the declaration acted upon, else a header PreviousDocument of type MRN) becomes {@code referencedId}; the type
 * is left null because COR/INV is the message type, not the declaration type.</li>
 * <li>Commodity code: Classification with IdentificationTypeCode {@code TSP} (UK), {@code CN} or {@code HS} is
 * the base code; for an 8-digit base a {@code TRC} (TARIC) 2-digit suffix is appended → 10 digits. {@code TRA}
 * (TARIC additional codes), {@code GN} (national additional codes) and others are ignored.</li>
 * <li>declarationDate: IssueDateTime, else AcceptanceDateTime (DateTimeString format 102 or 304).</li>
 * <li>Parties are collected at Declaration, GoodsShipment and Consignment level; Agent → REPRESENTATIVE with
 * its FunctionCode (representation status) in {@code category}; AuthorisationHolder keeps its CategoryCode.</li>
 * <li>Transport: border mode / nationality from BorderTransportMeans; inland mode and means id/type from
 * ArrivalTransportMeans (imports) or DepartureTransportMeans (exports), else the other, else border means;
 * ExportCountry (Consignment, GoodsShipment, or all items alike) → departureCountry; ContainerCode → containerFlag.</li>
 * <li>goodsLocation: GoodsLocation ID, else Name (UK puts the location code in Name).</li>
 * <li>deliveryTerms: TradeTerms/ConditionCode. invoiceAmount: InvoiceAmount with currencyID.</li>
 * <li>Header-level AdditionalDocument and PreviousDocument both go to {@code additionalDocuments} (the
 * category code tells them apart); item-level ones to the item's lists.</li>
 * <li>Item: GovernmentProcedure with a 2-character CurrentCode (+ PreviousCode) → procedureCode, other codes →
 * additionalProcedures; Origin TypeCode 2 → preferential origin, otherwise non-preferential; masses in kg
 * (unitCode GRM/TNE converted); TariffQuantity → quantity; customsValue = CustomsValueAmount, else the item
 * price InvoiceLine/ItemChargeAmount (the transaction-value basis); first DutyTaxFee/DutyRegimeCode →
 * preferenceCode.</li>
 * <li>Amendment elements and header AdditionalInformation are returned by {@link #readMessage} as
 * {@link Change}s and statements, since the declaration record has no slot for them.</li>
 * </ul>
 * Instances are immutable and thread-safe.
 */
public final class WcoXmlReader {
    /** Default maximum document size: 5 MiB. */
    public static final long DEFAULT_MAX_BYTES = 5L * 1024 * 1024;

    /** One DEC-DMS Amendment: the change reason code and its pointer path, e.g. {@code 42A#1/67A#1/68A#1/23A#1/65A#1:128}. */
    public record Change(String reasonCode, String pointer) { }

    /** The declaration plus what only amendment/cancellation messages carry. */
    public record Message(Declaration declaration, List<Change> changes, List<AdditionalInformation> statements) {
        public Message {
            Objects.requireNonNull(declaration, "declaration");
            changes = List.copyOf(changes);
            statements = List.copyOf(statements);
        }
    }

    private final long maxBytes;
    private final XmlTreeParser parser;
    /** For a comment-repaired document, which may have grown by up to {@link CommentRepair#MAX_REPAIRS} bytes. */
    private final XmlTreeParser repairedParser;

    public WcoXmlReader() {
        this(DEFAULT_MAX_BYTES);
    }

    public WcoXmlReader(long maxBytes) {
        if (maxBytes <= 0) throw new IllegalArgumentException("maxBytes must be positive");
        this.maxBytes = maxBytes;
        this.parser = new XmlTreeParser(maxBytes);
        this.repairedParser = new XmlTreeParser(maxBytes + CommentRepair.MAX_REPAIRS);
    }

    /** Reads one declaration; the stream is read up to the size limit and not closed. */
    public Declaration read(InputStream in) {
        return readMessage(in).declaration();
    }

    public Declaration read(byte[] xml) {
        return readMessage(xml).declaration();
    }

    public Message readMessage(byte[] xml) {
        Objects.requireNonNull(xml, "xml");
        if (xml.length > maxBytes) {
            throw new InvalidDeclarationException("/", "XML_TOO_LARGE",
                    "XML document exceeds the limit of " + maxBytes + " bytes");
        }
        return WcoDeclarationMapper.map(WcoDeclarationMapper.locateDeclaration(parse(xml)));
    }

    /** @throws InvalidDeclarationException with every problem found (codes {@code XML_*}) */
    public Message readMessage(InputStream in) {
        Objects.requireNonNull(in, "in");
        byte[] xml;
        try {
            // Never more than the limit plus one byte is pulled from the stream.
            xml = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 16));
        } catch (java.io.IOException e) {
            throw new InvalidDeclarationException("/", "XML_MALFORMED", "cannot read XML: " + e.getMessage());
        }
        return readMessage(xml);
    }

    /**
     * Parses; when the document is not well-formed, retries once with comment bodies repaired
     * ({@link CommentRepair}) and keeps the repaired tree only if that parses. Every other error, and a repair
     * that does not help (e.g. "--" outside a comment), reports the original problem.
     */
    private XmlElement parse(byte[] xml) {
        try {
            return parser.parse(new ByteArrayInputStream(xml));
        } catch (InvalidDeclarationException e) {
            if (!"XML_MALFORMED".equals(e.violations().get(0).code())) throw e;
            byte[] repaired = CommentRepair.repair(xml);
            if (repaired == null) throw e;
            try {
                return repairedParser.parse(new ByteArrayInputStream(repaired));
            } catch (InvalidDeclarationException stillBad) {
                throw e;
            }
        }
    }
}
