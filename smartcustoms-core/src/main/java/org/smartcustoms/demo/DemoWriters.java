package org.smartcustoms.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Money;
import org.smartcustoms.declaration.Party;
import org.smartcustoms.declaration.PartyRole;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** File formats for generated declarations: the KCS CSV the models train on and JSON lines. */
final class DemoWriters {
    private DemoWriters() { }

    static final List<String> KCS_HEADER = List.of("Declaration ID", "Date", "Office ID", "Process Type", "Import Type",
            "Import Use", "Payment Type", "Mode of Transport", "Declarant ID", "Importer ID", "Seller ID", "Courier ID",
            "HS6 Code", "Country of Departure", "Country of Origin", "Tax Rate", "Tax Type", "Country of Origin Indicator",
            "Net Mass", "Item Price", "Fraud", "Critical Fraud");

    /** Jackson as the JSON lines use it: ISO dates, and only record components (no derived isXxx flags). */
    static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
    }

    static void writeKcsCsv(Stream<GeneratedDeclaration> declarations, Writer out) throws IOException {
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get());
        csv.printRecord(KCS_HEADER);
        Iterator<GeneratedDeclaration> it = declarations.iterator();
        while (it.hasNext()) {
            GeneratedDeclaration g = it.next();
            Declaration d = g.declaration();
            for (GoodsItem item : d.items()) {
                String id = d.items().size() == 1 ? d.lrn() : d.lrn() + String.format("%02d", item.sequence());
                String mode = d.transport().borderModeCode();
                csv.printRecord(id, d.declarationDate(), d.officeId(),
                        or(item.info("PROCESS_TYPE"), "B"), or(item.info("IMPORT_TYPE"), "11"), or(item.info("IMPORT_USE"), "21"),
                        or(item.info(DemoWorldGenerator.PAYMENT_TYPE), "11"),
                        mode == null ? "" : mode + "0",
                        id(d, PartyRole.DECLARANT), id(d, PartyRole.IMPORTER), id(d, PartyRole.SELLER), id(d, PartyRole.CARRIER),
                        item.hs6(), or(d.transport().departureCountry(), ""), or(item.originCountry(), ""),
                        or(item.info(DemoWorldGenerator.TAX_RATE), ""), or(item.info(DemoWorldGenerator.TAX_TYPE), ""),
                        or(item.info(DemoWorldGenerator.ORIGIN_INDICATOR), ""),
                        item.netMassKg() == null ? "" : item.netMassKg().toPlainString(),
                        price(item), g.label().fraud() ? "1" : "0", String.valueOf(g.label().criticalFraud()));
            }
        }
        csv.flush();
    }

    static void writeJsonLines(Stream<GeneratedDeclaration> declarations, Writer out) throws IOException {
        ObjectMapper mapper = mapper();
        Iterator<GeneratedDeclaration> it = declarations.iterator();
        try {
            while (it.hasNext()) {
                out.write(mapper.writeValueAsString(it.next()));
                out.write('\n');
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
    }

    private static String price(GoodsItem item) {
        Money m = item.declaredValue();
        return m == null ? "" : m.amount().toPlainString();
    }

    private static String id(Declaration d, PartyRole role) {
        return d.party(role).map(Party::id).orElse("");
    }

    private static String or(String v, String fallback) {
        return v == null ? fallback : v;
    }

}
