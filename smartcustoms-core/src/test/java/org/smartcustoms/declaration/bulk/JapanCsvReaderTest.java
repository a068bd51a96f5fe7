package org.smartcustoms.declaration.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DeclarationValidator;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.declaration.Violation;

class JapanCsvReaderTest {
    static final String HEADER = String.join(",", JapanCsvReader.COLUMNS) + "\n";

    static List<BulkRow> read(String csv) throws IOException {
        List<BulkRow> rows = new ArrayList<>();
        long n = new JapanCsvReader().read(new StringReader(csv), rows::add);
        assertThat(n).isEqualTo(rows.size());
        return rows;
    }

    @Test
    void mapsAnEnglishHeaderRowToAnImportDeclaration() throws IOException {
        List<BulkRow> rows = read(HEADER
                + "1234567890,2024-03-15,\"ACME Corp, Ltd.\",P1234567,Yamato Shoji,8471.30-000,12500.50,usd,1875075,0,120,KG\n");
        assertThat(rows).hasSize(1);
        BulkRow row = rows.get(0);
        assertThat(row.accepted()).isTrue();
        assertThat(row.rowNumber()).isEqualTo(1);
        assertThat(row.label()).isNull();
        Declaration d = row.declaration();
        assertThat(d.lrn()).isEqualTo("1234567890");
        assertThat(d.type().code()).isEqualTo("IM");
        assertThat(d.functionCode()).isEqualTo(org.smartcustoms.declaration.FunctionCode.ORIGINAL);
        assertThat(d.declarationDate()).isEqualTo(LocalDate.of(2024, 3, 15));
        assertThat(d.party(PartyRole.SELLER).orElseThrow().name()).isEqualTo("ACME Corp, Ltd.");
        assertThat(d.party(PartyRole.IMPORTER).orElseThrow().id()).isEqualTo("P1234567");
        assertThat(d.party(PartyRole.IMPORTER).orElseThrow().name()).isEqualTo("Yamato Shoji");
        GoodsItem item = d.items().get(0);
        assertThat(item.commodityCode()).isEqualTo("847130000");
        assertThat(item.statisticalValue().amount()).isEqualByComparingTo("12500.50");
        assertThat(item.statisticalValue().currency()).isEqualTo("USD");
        assertThat(item.customsValue().amount()).isEqualByComparingTo("1875075");
        assertThat(item.customsValue().currency()).isEqualTo("JPY");
        assertThat(item.quantity().value()).isEqualByComparingTo("120");
        assertThat(item.quantity().unit()).isEqualTo("KGM");
        assertThat(item.netMassKg()).isEqualByComparingTo("120");
        assertThat(item.info("DECLARED_DUTY")).isEqualTo("0");
    }

    @Test
    void acceptsJapaneseHeaderWithBomAnyOrderAndOptionalOrigin() throws IOException {
        String csv = "\uFEFF申告番号,申告年月日,仕出人名,輸入者符号,輸入者名,統計品目番号,インボイス価格,通貨,課税価格,関税額,数量,単位,原産地\n"
                + "J-0001,2024/04/01,Shanghai Textile,X9,東京商事,610910000,\"1,200\",CNY,24000,2400,300,NO,cn\n";
        BulkRow row = read(csv).get(0);
        assertThat(row.accepted()).isTrue();
        GoodsItem item = row.declaration().items().get(0);
        assertThat(item.originCountry()).isEqualTo("CN");
        assertThat(item.statisticalValue().amount()).isEqualByComparingTo("1200");
        assertThat(item.quantity().unit()).isEqualTo("NAR");
        assertThat(item.netMassKg()).isNull();
        assertThat(item.info("DECLARED_DUTY")).isEqualTo("2400");
        assertThat(row.declaration().party(PartyRole.IMPORTER).orElseThrow().name()).isEqualTo("東京商事");
        Clock clock = Clock.fixed(Instant.parse("2024-05-01T00:00:00Z"), ZoneOffset.UTC);
        assertThat(new DeclarationValidator(clock, null).validate(row.declaration())).isEmpty();
    }

    @Test
    void dropsTheNaccsCheckLetterAndAcceptsBasicDates() throws IOException {
        BulkRow row = read(HEADER + "A1,20240102,S,I1,N,220421010E,10,EUR,1600,240,12,L\n").get(0);
        assertThat(row.declaration().items().get(0).commodityCode()).isEqualTo("220421010");
        assertThat(row.declaration().declarationDate()).isEqualTo(LocalDate.of(2024, 1, 2));
        assertThat(row.declaration().items().get(0).quantity().unit()).isEqualTo("LTR");
    }

    @Test
    void badRowsAreRejectedWithEveryProblemAndDoNotStopTheFile() throws IOException {
        List<BulkRow> rows = read(HEADER
                + "A1,2024-01-02,S,I1,N,847130,abc,USD,1600,0,1,KG\n"          // bad number
                + "A2,2024-01-02,S,I1,N,847130,100,USD,-5,0,1,KG\n"            // negative
                + "A3,2024-01-02,S,I1,N,847130,100,USD,1600\n"                // missing columns
                + "A4,2024-13-40,S,,N,84,100,US$,1600,0,1,BOX\n"             // many problems
                + "A5,2024-01-02,S,I1,N,847130,100,USD,1600,0,1,KGM\n");       // fine
        assertThat(rows).extracting(BulkRow::rowNumber).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(rows).extracting(BulkRow::accepted).containsExactly(false, false, false, false, true);
        assertThat(rows.get(0).errors()).extracting(Violation::path, Violation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("invoice_price", "BAD_NUMBER"));
        assertThat(rows.get(1).errors()).extracting(Violation::path, Violation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("taxation_base_value", "NEGATIVE_NUMBER"));
        assertThat(rows.get(2).errors()).extracting(Violation::path).containsExactlyInAnyOrder("duty", "quantity", "unit");
        assertThat(rows.get(2).errors()).extracting(Violation::code).containsOnly("MISSING_COLUMN");
        assertThat(rows.get(3).errors()).extracting(Violation::code)
                .containsExactlyInAnyOrder("BAD_DATE", "REQUIRED", "HS_CODE_FORMAT", "CURRENCY_CODE", "QUANTITY_UNIT");
        assertThat(rows.get(4).declaration().items().get(0).quantity().value()).isEqualByComparingTo(BigDecimal.ONE);
    }

    @Test
    void aHeaderWithoutMandatoryColumnsIsAFileError() {
        assertThatThrownBy(() -> read("declaration_no,declaration_date\nA,2024-01-01\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("hs_code");
        assertThatThrownBy(() -> read("")).isInstanceOf(IOException.class);
    }

    @Test
    void headerOnlyFileHasNoRows() throws IOException {
        assertThat(read(HEADER)).isEmpty();
    }
}
