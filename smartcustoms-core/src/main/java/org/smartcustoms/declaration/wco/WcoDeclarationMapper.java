package org.smartcustoms.declaration.wco;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.smartcustoms.declaration.AdditionalInformation;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.FunctionCode;
import org.smartcustoms.declaration.DeclarationType;
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

/**
 * Maps a parsed WCO DEC-DMS element tree onto {@link Declaration}. Collects every value error before throwing,
 * so the declarant sees all of them at once. See {@link WcoXmlReader} for the mapping conventions.
 */
final class WcoDeclarationMapper {
    static final String NS_DEC = "urn:wco:datamodel:WCO:DEC-DMS:2";
    static final String NS_DEC_DS = "urn:wco:datamodel:WCO:Declaration_DS:DMS:2";
    static final String NS_METADATA = "urn:wco:datamodel:WCO:DocumentMetaData-DMS:2";

    /** Classification types holding the base nomenclature code (UK CDS: TSP = 8-digit commodity code). */
    static final Set<String> BASE_NOMENCLATURE = Set.of("TSP", "CN", "HS");
    /** Classification types holding the 2-digit TARIC suffix appended to an 8-digit base code. */
    static final Set<String> TARIC_SUFFIX = Set.of("TRC");

    /** Absurd magnitudes such as 1e999999999 are short to write but a billion digits to print or add. */
    static final int MAX_DIGITS = 30;

    private static final Map<String, PartyRole> ROLES = new LinkedHashMap<>();
    static {
        ROLES.put("Declarant", PartyRole.DECLARANT);
        ROLES.put("Importer", PartyRole.IMPORTER);
        ROLES.put("Exporter", PartyRole.EXPORTER);
        ROLES.put("Seller", PartyRole.SELLER);
        ROLES.put("Buyer", PartyRole.BUYER);
        ROLES.put("Agent", PartyRole.REPRESENTATIVE);
        ROLES.put("AuthorisationHolder", PartyRole.AUTHORISATION_HOLDER);
        ROLES.put("Consignor", PartyRole.CONSIGNOR);
        ROLES.put("Consignee", PartyRole.CONSIGNEE);
        ROLES.put("Carrier", PartyRole.CARRIER);
    }

    private final Set<String> ns;
    /** The declaration sits in a colon-stripped namespace ({@link #garbled}); prefixes may be glued to names. */
    private final boolean garbledNamespaces;
    private final List<Violation> violations = new ArrayList<>();

    private WcoDeclarationMapper(XmlElement declaration) {
        this.garbledNamespaces = garbled(declaration.ns, NS_DEC);
        this.ns = garbledNamespaces ? Set.of(declaration.ns, NS_DEC_DS, strip(NS_DEC_DS)) : Set.of(declaration.ns, NS_DEC_DS);
    }

    /** Finds the Declaration element: the root itself, or the Declaration inside a (possibly wrapped) MetaData. */
    static XmlElement locateDeclaration(XmlElement root) {
        Set<String> decNs = Set.of(NS_DEC, "");
        if (root.is("Declaration", decNs) || root.name.equals("Declaration") && garbled(root.ns, NS_DEC)) return root;
        XmlElement metaData = findMetaData(root, 0);
        if (metaData == null) {
            throw new InvalidDeclarationException("/" + root.name, "XML_NOT_A_DECLARATION",
                    "root element " + qname(root) + " is not a WCO DEC-DMS declaration: expected Declaration or "
                            + "MetaData/Declaration in namespace " + NS_DEC);
        }
        for (XmlElement c : metaData.children) {
            if (c.is("Declaration", Set.of(NS_DEC)) || c.name.equals("Declaration") && garbled(c.ns, NS_DEC)) return c;
        }
        List<String> found = metaData.children.stream().map(WcoDeclarationMapper::qname)
                .filter(n -> !n.contains(NS_METADATA) && !n.contains(strip(NS_METADATA))).toList();
        throw new InvalidDeclarationException(metaData.path(), "XML_NOT_A_DECLARATION",
                "MetaData holds no DEC-DMS Declaration" + (found.isEmpty() ? "" : " (found " + String.join(", ", found)
                        + "; notifications and responses are not declarations)"));
    }

    private static XmlElement findMetaData(XmlElement e, int depth) {
        if (e.is("MetaData", Set.of(NS_METADATA))) return e;
        // Prefix-stripped export: <mdMetaData> in the colon-less DEC-DMS or MetaData namespace.
        if ((e.name.equals("MetaData") || e.name.equals("mdMetaData"))
                && (garbled(e.ns, NS_METADATA) || garbled(e.ns, NS_DEC))) return e;
        if (depth >= 4) return null; // envelopes (e.g. HMRC submitDeclarationRequest) wrap MetaData shallowly
        for (XmlElement c : e.children) {
            XmlElement m = findMetaData(c, depth + 1);
            if (m != null) return m;
        }
        return null;
    }

    /**
     * Whether {@code ns} is {@code expected} with its ':' and '_' stripped, as some exports write them (e.g.
     * {@code urnwcodatamodelWCODEC-DMS2}). Only that exact damage is tolerated, never an arbitrary namespace.
     */
    static boolean garbled(String ns, String expected) {
        return !ns.equals(expected) && ns.equals(strip(expected));
    }

    private static String strip(String ns) {
        return ns.replace(":", "").replace("_", "");
    }

    private static String qname(XmlElement e) {
        return e.ns.isEmpty() ? e.name : "{" + e.ns + "}" + e.name;
    }

    static WcoXmlReader.Message map(XmlElement declaration) {
        return new WcoDeclarationMapper(declaration).mapDeclaration(declaration);
    }

    private WcoXmlReader.Message mapDeclaration(XmlElement d) {
        String rawFunction = text(d, "FunctionCode");
        if (rawFunction == null) {
            violations.add(new Violation(d.path() + "/FunctionCode", "XML_MISSING_ELEMENT", "FunctionCode is required"));
        }
        String typeCode = text(d, "TypeCode");
        String id = text(d, "ID");
        XmlElement shipment = child(d, "GoodsShipment");

        FunctionCode function = null;
        DeclarationType type = null;
        String referencedId = null;
        FunctionCode parsed = rawFunction == null ? FunctionCode.ORIGINAL : FunctionCode.parse(rawFunction).orElse(null);
        if (parsed == null) {
            violations.add(new Violation(child(d, "FunctionCode").path(), "XML_BAD_FUNCTION_CODE",
                    "FunctionCode '" + rawFunction + "' is not supported (9 original, 13 amendment/cancellation request, 1 cancellation)"));
        } else if (parsed == FunctionCode.ORIGINAL) {
            function = parsed;
            type = declarationType(typeCode, text(d, "AdditionalTypeCode"));
        } else {
            // UK CDS: FunctionCode 13 is a "request"; TypeCode INV invalidates (cancels), COR corrects (amends).
            function = parsed == FunctionCode.AMENDMENT && !"INV".equalsIgnoreCase(typeCode)
                    ? FunctionCode.AMENDMENT : FunctionCode.CANCELLATION;
            referencedId = id != null ? id : referencedFromPreviousDocuments(shipment);
        }

        List<XmlElement> consignments = new ArrayList<>();
        consignments.addAll(children(d, "Consignment"));
        if (shipment != null) consignments.addAll(children(shipment, "Consignment"));

        List<Party> parties = new ArrayList<>();
        for (XmlElement level : nonNull(d, shipment)) parties.addAll(parties(level));
        for (XmlElement c : consignments) parties.addAll(parties(c));

        LocalDate date = date(child(d, "IssueDateTime"));
        if (date == null) date = date(child(d, "AcceptanceDateTime"));

        String goodsLocation = null;
        for (XmlElement c : consignments) {
            XmlElement gl = child(c, "GoodsLocation");
            if (gl != null && goodsLocation == null) goodsLocation = firstNonNull(text(gl, "ID"), text(gl, "Name"));
        }

        Money invoice = money(child(d, "InvoiceAmount"));
        if (invoice == null && shipment != null) invoice = money(child(shipment, "InvoiceAmount"));

        String deliveryTerms = null;
        for (XmlElement level : nonNull(d, shipment)) {
            XmlElement tt = child(level, "TradeTerms");
            if (tt != null && deliveryTerms == null) deliveryTerms = text(tt, "ConditionCode");
        }

        List<DocumentRef> headerDocs = new ArrayList<>();
        for (XmlElement level : nonNull(d, shipment)) {
            headerDocs.addAll(documents(level, "AdditionalDocument"));
            headerDocs.addAll(documents(level, "PreviousDocument"));
        }

        List<GoodsItem> items = new ArrayList<>();
        if (shipment != null) {
            for (XmlElement item : children(shipment, "GovernmentAgencyGoodsItem")) items.add(item(item));
        }

        Transport transport = transport(d, shipment, consignments, items, type);

        List<WcoXmlReader.Change> changes = new ArrayList<>();
        for (XmlElement a : children(d, "Amendment")) {
            changes.add(new WcoXmlReader.Change(text(a, "ChangeReasonCode"), pointer(a)));
        }
        List<AdditionalInformation> statements = new ArrayList<>();
        for (XmlElement ai : children(d, "AdditionalInformation")) statements.add(information(ai));

        if (!violations.isEmpty()) throw new InvalidDeclarationException(violations);
        Declaration declaration = new Declaration(function, text(d, "FunctionalReferenceID"), type,
                officeId(d), date, parties, transport, goodsLocation, invoice, deliveryTerms, referencedId,
                headerDocs, items);
        return new WcoXmlReader.Message(declaration, changes, statements);
    }

    private DeclarationType declarationType(String typeCode, String additionalTypeCode) {
        if (typeCode == null) return null;
        if (typeCode.length() <= 2 && additionalTypeCode != null) return new DeclarationType(typeCode, additionalTypeCode);
        return DeclarationType.parse(typeCode);
    }

    private String officeId(XmlElement d) {
        XmlElement office = child(d, "DeclarationOffice");
        return office == null ? null : text(office, "ID");
    }

    /** EU style: the original's MRN as a header previous document of type MRN. */
    private String referencedFromPreviousDocuments(XmlElement shipment) {
        if (shipment == null) return null;
        for (XmlElement p : children(shipment, "PreviousDocument")) {
            if ("MRN".equalsIgnoreCase(text(p, "TypeCode"))) return text(p, "ID");
        }
        return null;
    }

    private List<Party> parties(XmlElement level) {
        List<Party> out = new ArrayList<>();
        for (XmlElement c : level.children) {
            PartyRole role = ns.contains(c.ns) ? ROLES.get(c.name) : null;
            if (role == null) continue;
            XmlElement address = child(c, "Address");
            String country = address == null ? null : text(address, "CountryCode");
            // AuthorisationHolder: CategoryCode is the authorisation type; Agent: FunctionCode is the
            // representation status (2 direct, 3 indirect), kept in the same slot.
            String category = role == PartyRole.REPRESENTATIVE ? text(c, "FunctionCode") : text(c, "CategoryCode");
            String id = text(c, "ID");
            String name = text(c, "Name");
            if (id == null && name == null && country == null && category == null) continue;
            out.add(new Party(role, id, name, country, category));
        }
        return out;
    }

    private Transport transport(XmlElement d, XmlElement shipment, List<XmlElement> consignments,
                                List<GoodsItem> items, DeclarationType type) {
        XmlElement border = child(d, "BorderTransportMeans");
        for (XmlElement c : consignments) if (border == null) border = child(c, "BorderTransportMeans");
        XmlElement arrival = null;
        XmlElement departure = null;
        String container = null;
        String loading = null;
        String unloading = null;
        String departureCountry = null;
        for (XmlElement c : consignments) {
            if (arrival == null) arrival = child(c, "ArrivalTransportMeans");
            if (departure == null) departure = child(c, "DepartureTransportMeans");
            if (container == null) container = text(c, "ContainerCode");
            if (loading == null) loading = location(child(c, "LoadingLocation"));
            if (unloading == null) unloading = location(child(c, "UnloadingLocation"));
            if (departureCountry == null) departureCountry = idOf(child(c, "ExportCountry"));
        }
        if (departureCountry == null && shipment != null) departureCountry = idOf(child(shipment, "ExportCountry"));
        if (departureCountry == null && shipment != null) {
            // Only item-level export countries: take them when all items agree.
            List<String> perItem = children(shipment, "GovernmentAgencyGoodsItem").stream()
                    .map(i -> idOf(child(i, "ExportCountry"))).distinct().toList();
            if (perItem.size() == 1 && perItem.get(0) != null && !items.isEmpty()) departureCountry = perItem.get(0);
        }
        boolean export = type != null && type.isExport();
        XmlElement primary = export ? firstNonNull(departure, arrival) : firstNonNull(arrival, departure);
        XmlElement secondary = primary == arrival ? departure : arrival;
        String inlandMode = firstNonNull(text(primary, "ModeCode"), text(secondary, "ModeCode"));
        XmlElement means = firstNonNull(primary != null && text(primary, "ID") != null ? primary : null,
                secondary != null && text(secondary, "ID") != null ? secondary : null,
                border != null && text(border, "ID") != null ? border : null);
        String nationality = firstNonNull(text(border, "RegistrationNationalityCode"),
                text(primary, "RegistrationNationalityCode"));
        Transport t = new Transport(text(border, "ModeCode"), inlandMode, nationality, text(means, "ID"),
                text(means, "IdentificationTypeCode"), loading, unloading, departureCountry, container);
        return t.equals(Transport.NONE) ? Transport.NONE : t;
    }

    private String location(XmlElement loc) {
        return loc == null ? null : firstNonNull(text(loc, "ID"), text(loc, "Name"));
    }

    private String idOf(XmlElement e) {
        return e == null ? null : firstNonNull(text(e, "ID"), text(e, "CountryCode"));
    }

    private GoodsItem item(XmlElement item) {
        Integer sequence = integer(child(item, "SequenceNumeric"));
        if (sequence == null && child(item, "SequenceNumeric") == null) {
            violations.add(new Violation(item.path() + "/SequenceNumeric", "XML_MISSING_ELEMENT",
                    "goods item SequenceNumeric is required"));
        }
        XmlElement commodity = child(item, "Commodity");
        String description = null;
        String commodityCode = null;
        String preference = null;
        Quantity quantity = null;
        BigDecimal net = null;
        BigDecimal gross = null;
        Money itemPrice = null;
        if (commodity != null) {
            description = text(commodity, "Description");
            commodityCode = commodityCode(commodity);
            for (XmlElement dtf : children(commodity, "DutyTaxFee")) {
                if (preference == null) preference = text(dtf, "DutyRegimeCode");
            }
            XmlElement measure = child(commodity, "GoodsMeasure");
            if (measure != null) {
                net = kilograms(child(measure, "NetNetWeightMeasure"));
                gross = kilograms(child(measure, "GrossMassMeasure"));
                XmlElement tq = child(measure, "TariffQuantity");
                BigDecimal q = number(tq);
                if (q != null) quantity = new Quantity(q, tq.attribute("unitCode"));
            }
            XmlElement line = child(commodity, "InvoiceLine");
            if (line != null) itemPrice = money(child(line, "ItemChargeAmount"));
        }
        String origin = null;
        String prefOrigin = null;
        for (XmlElement o : children(item, "Origin")) {
            String t = text(o, "TypeCode");
            if ("2".equals(t)) {
                if (prefOrigin == null) prefOrigin = text(o, "CountryCode");
            } else if (origin == null) {
                origin = text(o, "CountryCode");
            }
        }
        Money customsValue = money(child(item, "CustomsValueAmount"));
        if (customsValue == null) customsValue = itemPrice;
        XmlElement valuation = child(item, "CustomsValuation");
        String procedure = null;
        List<String> additional = new ArrayList<>();
        for (XmlElement gp : children(item, "GovernmentProcedure")) {
            String current = text(gp, "CurrentCode");
            if (current == null) continue;
            if (current.length() == 2 && procedure == null) {
                procedure = current + Objects.requireNonNullElse(text(gp, "PreviousCode"), "");
            } else {
                additional.add(current);
            }
        }
        List<Packaging> packaging = new ArrayList<>();
        for (XmlElement p : children(item, "Packaging")) {
            packaging.add(new Packaging(text(p, "TypeCode"), integer(child(p, "QuantityQuantity")), text(p, "MarksNumbersID")));
        }
        List<AdditionalInformation> info = new ArrayList<>();
        for (XmlElement ai : children(item, "AdditionalInformation")) info.add(information(ai));
        return new GoodsItem(sequence == null ? 0 : sequence, description, commodityCode, origin, prefOrigin, quantity,
                net, gross, money(child(item, "StatisticalValueAmount")), customsValue,
                valuation == null ? null : text(valuation, "MethodCode"), procedure, additional, preference,
                documents(item, "PreviousDocument"), documents(item, "AdditionalDocument"), packaging, info);
    }

    /** Base code (TSP/CN/HS) plus, for an 8-digit base, the TARIC suffix (TRC). Other classifications are ignored. */
    private String commodityCode(XmlElement commodity) {
        String base = null;
        String taric = null;
        for (XmlElement c : children(commodity, "Classification")) {
            String kind = text(c, "IdentificationTypeCode");
            if (kind == null) continue;
            kind = kind.toUpperCase(Locale.ROOT);
            if (BASE_NOMENCLATURE.contains(kind) && base == null) base = text(c, "ID");
            else if (TARIC_SUFFIX.contains(kind) && taric == null) taric = text(c, "ID");
        }
        if (base == null) return null;
        return base.length() == 8 && taric != null ? base + taric : base;
    }

    private AdditionalInformation information(XmlElement ai) {
        String code = firstNonNull(text(ai, "StatementCode"), text(ai, "StatementTypeCode"));
        return new AdditionalInformation(code == null ? "" : code, text(ai, "StatementDescription"));
    }

    private List<DocumentRef> documents(XmlElement parent, String name) {
        List<DocumentRef> out = new ArrayList<>();
        for (XmlElement doc : children(parent, name)) {
            out.add(new DocumentRef(text(doc, "CategoryCode"), text(doc, "TypeCode"), text(doc, "ID")));
        }
        return out;
    }

    private static String pointer(XmlElement amendment) {
        List<String> steps = new ArrayList<>();
        for (XmlElement p : amendment.children) {
            if (!p.name.equals("Pointer")) continue;
            String section = p.children.stream().filter(c -> c.name.equals("DocumentSectionCode")).map(XmlElement::text)
                    .filter(Objects::nonNull).findFirst().orElse("?");
            String seq = p.children.stream().filter(c -> c.name.equals("SequenceNumeric")).map(XmlElement::text)
                    .filter(Objects::nonNull).findFirst().orElse(null);
            String tag = p.children.stream().filter(c -> c.name.equals("TagID")).map(XmlElement::text)
                    .filter(Objects::nonNull).findFirst().orElse(null);
            steps.add(section + (seq == null ? "" : "#" + seq) + (tag == null ? "" : ":" + tag));
        }
        return String.join("/", steps);
    }

    // --- values -----------------------------------------------------------------------------------------

    private BigDecimal number(XmlElement e) {
        if (e == null || e.text() == null) return null;
        try {
            BigDecimal v = new BigDecimal(e.text());
            if (v.scale() > MAX_DIGITS || v.precision() - v.scale() > MAX_DIGITS) {
                violations.add(new Violation(e.path(), "XML_BAD_NUMBER", "'" + abbreviate(e.text())
                        + "' is out of range (at most " + MAX_DIGITS + " digits before and after the decimal point, "
                        + e.position() + ")"));
                return null;
            }
            return v;
        } catch (NumberFormatException ex) {
            violations.add(new Violation(e.path(), "XML_BAD_NUMBER",
                    "'" + abbreviate(e.text()) + "' is not a number (" + e.position() + ")"));
            return null;
        }
    }

    private Integer integer(XmlElement e) {
        BigDecimal n = number(e);
        if (n == null) return null;
        try {
            return n.intValueExact();
        } catch (ArithmeticException ex) {
            violations.add(new Violation(e.path(), "XML_BAD_NUMBER",
                    "'" + abbreviate(e.text()) + "' is not a whole number (" + e.position() + ")"));
            return null;
        }
    }

    private Money money(XmlElement e) {
        BigDecimal amount = number(e);
        return amount == null ? null : new Money(amount, e.attribute("currencyID"));
    }

    /** Masses are kilograms unless a unitCode says grams or tonnes. */
    private BigDecimal kilograms(XmlElement e) {
        BigDecimal v = number(e);
        if (v == null) return null;
        String unit = e.attribute("unitCode");
        if (unit == null || unit.isBlank() || unit.equalsIgnoreCase("KGM")) return v;
        if (unit.equalsIgnoreCase("GRM")) return v.movePointLeft(3);
        if (unit.equalsIgnoreCase("TNE")) return v.movePointRight(3);
        violations.add(new Violation(e.path(), "XML_BAD_UNIT", "mass unit '" + unit + "' is not KGM, GRM or TNE ("
                + e.position() + ")"));
        return null;
    }

    /** DateTimeString with formatCode 102 (CCYYMMDD) or 304 (CCYYMMDDHHMMSS+ZZ), or an ISO date/date-time. */
    private LocalDate date(XmlElement dateTime) {
        if (dateTime == null) return null;
        XmlElement s = child(dateTime, "DateTimeString");
        // Prefix-stripped export: <p1:DateTimeString> became <pDateTimeString> (or <p1DateTimeString>).
        if (s == null && garbledNamespaces) s = firstNonNull(child(dateTime, "pDateTimeString"), child(dateTime, "p1DateTimeString"));
        XmlElement source = s != null ? s : dateTime;
        String v = source.text();
        if (v == null) return null;
        try {
            if (v.matches("\\d{8}.*")) {
                return LocalDate.of(Integer.parseInt(v.substring(0, 4)), Integer.parseInt(v.substring(4, 6)),
                        Integer.parseInt(v.substring(6, 8)));
            }
            if (v.matches("\\d{4}-\\d{2}-\\d{2}.*")) return LocalDate.parse(v.substring(0, 10));
        } catch (java.time.DateTimeException ex) {
            // fall through to the violation below
        }
        violations.add(new Violation(source.path(), "XML_BAD_DATE",
                "'" + abbreviate(v) + "' is not a date in format 102 (CCYYMMDD) or 304 (" + source.position() + ")"));
        return null;
    }

    // --- navigation -------------------------------------------------------------------------------------

    private XmlElement child(XmlElement parent, String name) {
        if (parent == null) return null;
        for (XmlElement c : parent.children) if (c.is(name, ns)) return c;
        return null;
    }

    private List<XmlElement> children(XmlElement parent, String name) {
        List<XmlElement> out = new ArrayList<>();
        if (parent == null) return out;
        for (XmlElement c : parent.children) if (c.is(name, ns)) out.add(c);
        return out;
    }

    private String text(XmlElement parent, String name) {
        XmlElement c = child(parent, name);
        return c == null ? null : c.text();
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) if (v != null) return v;
        return null;
    }

    private static List<XmlElement> nonNull(XmlElement... levels) {
        List<XmlElement> out = new ArrayList<>();
        for (XmlElement l : levels) if (l != null) out.add(l);
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

}
