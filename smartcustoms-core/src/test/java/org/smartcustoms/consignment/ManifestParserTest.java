package org.smartcustoms.consignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ManifestParserTest {
    static final String HEADER = "consignment_id,house_document,seller_id,seller_name,seller_country,buyer_id,buyer_name,"
            + "buyer_country,buyer_postcode,platform_id,description,hs6,quantity,gross_mass_kg,value,currency,origin";

    static String row(String id, String value) {
        return id + ",HAWB-" + id + ",S1,\"Shenzhen Gadgets, Ltd\",CN,,Taro Yamada,JP,100-0001,PLAT1,phone case,392690,2,0.3," + value + ",USD,CN";
    }

    static List<ManifestRow> parse(ManifestFormat f, byte[] bytes) throws IOException {
        List<ManifestRow> out = new ArrayList<>();
        new ManifestParser(f).parse(new ByteArrayInputStream(bytes), out::add);
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsCsvRowsWithQuotesAndRowNumbers() throws IOException {
        List<ManifestRow> rows = parse(ManifestFormat.CSV, utf8(HEADER + "\r\n" + row("C1", "12.50") + "\r\n\r\n" + row("C2", "3") + "\n"));
        assertThat(rows).hasSize(2);
        ManifestRow.Parsed a = (ManifestRow.Parsed) rows.get(0);
        assertThat(a.row()).isEqualTo(2);
        assertThat(a.consignment().seller().name()).isEqualTo("Shenzhen Gadgets, Ltd");
        assertThat(a.consignment().value()).isEqualByComparingTo("12.50");
        assertThat(a.consignment().buyer().id()).isNull();
        assertThat(rows.get(1).row()).isEqualTo(4); // the blank line 3 is skipped but counted
    }

    @Test
    void everyProblemOfABrokenRowIsListed() throws IOException {
        String bad = "C3,HAWB3,S1,Seller,XX,,,JP,,,phone case,39269,0,,-1,ZZZ,CN";
        List<ManifestRow> rows = parse(ManifestFormat.CSV, utf8(HEADER + "\n" + bad + "\n" + row("C4", "1") + "\n"));
        ManifestRow.Rejected r = (ManifestRow.Rejected) rows.get(0);
        assertThat(r.row()).isEqualTo(2);
        assertThat(r.consignmentId()).isEqualTo("C3");
        assertThat(r.problems()).extracting(RowProblem::field)
                .containsExactlyInAnyOrder("seller_country", "buyer_name", "hs6", "quantity", "value", "currency");
        assertThat(r.problems()).filteredOn(p -> p.field().equals("buyer_name")).extracting(RowProblem::code).containsExactly(RowProblem.Code.MISSING);
        assertThat(rows.get(1)).isInstanceOf(ManifestRow.Parsed.class);
    }

    @Test
    void wrongColumnCountIsMalformedButTheNextRowsAreRead() throws IOException {
        List<ManifestRow> rows = parse(ManifestFormat.CSV, utf8(HEADER + "\nC5,only,three\n" + row("C6", "1") + "\n"));
        assertThat(((ManifestRow.Rejected) rows.get(0)).problems().get(0).code()).isEqualTo(RowProblem.Code.MALFORMED);
        assertThat(rows.get(1)).isInstanceOf(ManifestRow.Parsed.class);
    }

    @Test
    void aRowThatIsNotUtf8IsRejectedAndTheOthersAreRead() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(utf8(HEADER + "\n" + row("C7", "1") + "\n"));
        b.writeBytes(row("C8", "1").replace("Taro Yamada", "Jos\u00e9").getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(utf8("\n" + row("C9", "1") + "\n"));
        List<ManifestRow> rows = parse(ManifestFormat.CSV, b.toByteArray());
        assertThat(rows).hasSize(3);
        ManifestRow.Rejected r = (ManifestRow.Rejected) rows.get(1);
        assertThat(r.row()).isEqualTo(3);
        assertThat(r.problems().get(0).code()).isEqualTo(RowProblem.Code.ENCODING);
        assertThat(r.problems().get(0).message()).contains("not valid UTF-8");
        assertThat(rows.get(2)).isInstanceOf(ManifestRow.Parsed.class);
    }

    @Test
    void aTruncatedLastLineIsRejectedAndACompleteOneWithoutLineBreakAccepted() throws IOException {
        String full = row("C10", "1");
        List<ManifestRow> cut = parse(ManifestFormat.CSV, utf8(HEADER + "\n" + full + "\n" + full.substring(0, 30)));
        assertThat(cut).hasSize(2);
        assertThat(((ManifestRow.Rejected) cut.get(1)).problems().get(0).code()).isEqualTo(RowProblem.Code.TRUNCATED);
        List<ManifestRow> openQuote = parse(ManifestFormat.CSV, utf8(HEADER + "\n" + "C11,H,S1,\"Shenzhen Gad"));
        assertThat(((ManifestRow.Rejected) openQuote.get(0)).problems().get(0).code()).isEqualTo(RowProblem.Code.TRUNCATED);
        List<ManifestRow> noBreak = parse(ManifestFormat.CSV, utf8(HEADER + "\n" + full));
        assertThat(noBreak.get(0)).isInstanceOf(ManifestRow.Parsed.class);
    }

    @Test
    void aHeaderWithoutRequiredColumnsRejectsTheFile() {
        assertThatThrownBy(() -> parse(ManifestFormat.CSV, utf8("consignment_id,colour\nC1,red\n")))
                .isInstanceOf(ManifestFormatException.class)
                .satisfies(e -> assertThat(((ManifestFormatException) e).errors())
                        .anyMatch(m -> m.contains("unknown column 'colour'"))
                        .anyMatch(m -> m.contains("required column 'hs6'")));
        assertThatThrownBy(() -> parse(ManifestFormat.CSV, new byte[0])).isInstanceOf(ManifestFormatException.class);
    }

    @Test
    void anEmptyJsonLinesManifestIsRejectedWholeLikeAnEmptyCsvOne() {
        for (String body : List.of("", "\n\n", "   \r\n")) {
            assertThatThrownBy(() -> parse(ManifestFormat.JSON_LINES, utf8(body)))
                    .isInstanceOf(ManifestFormatException.class)
                    .satisfies(e -> assertThat(((ManifestFormatException) e).errors()).anyMatch(m -> m.contains("the manifest is empty")));
        }
    }

    @Test
    void anOverlongRecordIsRejectedWithoutHoldingIt() throws IOException {
        String huge = "C12," + "x".repeat(ManifestParser.MAX_RECORD_BYTES + 10);
        List<ManifestRow> rows = parse(ManifestFormat.CSV, utf8(HEADER + "\n" + huge + "\n" + row("C13", "1") + "\n"));
        assertThat(((ManifestRow.Rejected) rows.get(0)).problems().get(0).code()).isEqualTo(RowProblem.Code.TOO_LONG);
        assertThat(rows.get(1)).isInstanceOf(ManifestRow.Parsed.class);
    }

    static String json(String id, String value) {
        return "{\"consignment_id\":\"" + id + "\",\"house_document\":\"H" + id + "\",\"seller_name\":\"Seller\",\"seller_country\":\"CN\","
                + "\"buyer_name\":\"Hanako\",\"buyer_country\":\"JP\",\"description\":\"socks\",\"hs6\":\"611595\",\"quantity\":3,"
                + "\"value\":" + value + ",\"currency\":\"JPY\",\"origin\":\"CN\"}";
    }

    @Test
    void readsJsonLines() throws IOException {
        String text = json("J1", "2500") + "\n" + "{\"consignment_id\":\"J2\",\"colour\":true}\n" + "[1,2]\n" + json("J3", "0.5") + "\n"
                + json("J4", "1").substring(0, 40);
        List<ManifestRow> rows = parse(ManifestFormat.JSON_LINES, utf8(text));
        assertThat(rows).hasSize(5);
        assertThat(((ManifestRow.Parsed) rows.get(0)).consignment().value()).isEqualByComparingTo(new BigDecimal("2500"));
        ManifestRow.Rejected j2 = (ManifestRow.Rejected) rows.get(1);
        assertThat(j2.row()).isEqualTo(2);
        assertThat(j2.problems()).anyMatch(p -> p.field().equals("colour")).anyMatch(p -> p.code() == RowProblem.Code.MISSING);
        assertThat(((ManifestRow.Rejected) rows.get(2)).problems().get(0).code()).isEqualTo(RowProblem.Code.MALFORMED);
        assertThat(rows.get(3)).isInstanceOf(ManifestRow.Parsed.class);
        assertThat(((ManifestRow.Rejected) rows.get(4)).problems().get(0).code()).isEqualTo(RowProblem.Code.TRUNCATED);
    }

    @Test
    void streamsAHundredThousandRows() throws IOException {
        int n = 100_000;
        InputStream in = new InputStream() {
            int next = 0;
            byte[] cur = utf8(HEADER + "\n");
            int pos = 0;

            @Override
            public int read() {
                if (pos == cur.length) {
                    if (next == n) return -1;
                    cur = utf8(row("S" + next++, "9.99") + "\n");
                    pos = 0;
                }
                return cur[pos++] & 0xFF;
            }
        };
        int[] ok = {0};
        new ManifestParser(ManifestFormat.CSV).parse(in, r -> {
            if (r instanceof ManifestRow.Parsed) ok[0]++;
        });
        assertThat(ok[0]).isEqualTo(n);
    }
}
