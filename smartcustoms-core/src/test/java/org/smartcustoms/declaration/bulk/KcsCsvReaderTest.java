package org.smartcustoms.declaration.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.AdditionalInformation;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DeclarationValidator;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Money;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.declaration.Quantity;
import org.smartcustoms.declaration.Violation;

class KcsCsvReaderTest {

    static final String HEADER = "Declaration ID,Date,Office ID,Process Type,Import Type,Import Use,Payment Type,"
            + "Mode of Transport,Declarant ID,Importer ID,Seller ID,Courier ID,HS6 Code,Country of Departure,"
            + "Country of Origin,Tax Rate,Tax Type,Country of Origin Indicator,Net Mass,Item Price,Fraud,Critical Fraud\n";

    private static List<BulkRow> read(String csv) throws IOException {
        List<BulkRow> rows = new ArrayList<>();
        long n = new KcsCsvReader().read(new StringReader(csv), rows::add);
        assertThat(n).isEqualTo(rows.size());
        return rows;
    }

    @Test
    void mapsEveryColumn() throws IOException {
        List<BulkRow> rows = read(HEADER
                + "85945189,2020-01-01,40,B,11,21,11,10,SWF9S4X,7JD1S2X,8WDKMC6,CR1,690722,HK,CN,8.0,A,Y,11352.0,375751.2,1,2\n");
        assertThat(rows).hasSize(1);
        BulkRow r = rows.get(0);
        assertThat(r.accepted()).isTrue();
        assertThat(r.rowNumber()).isEqualTo(1);
        assertThat(r.label()).isEqualTo(new BulkRow.Label(true, 2));
        Declaration d = r.declaration();
        assertThat(d.lrn()).isEqualTo("85945189");
        assertThat(d.declarationDate()).isEqualTo(LocalDate.of(2020, 1, 1));
        assertThat(d.officeId()).isEqualTo("40");
        assertThat(d.type().code()).isEqualTo("IM");
        // the KCS process type is not a UCC additional declaration type (B there = simplified): kept as information
        assertThat(d.type().additionalType()).isNull();
        assertThat(d.party(PartyRole.DECLARANT).orElseThrow().id()).isEqualTo("SWF9S4X");
        assertThat(d.party(PartyRole.IMPORTER).orElseThrow().id()).isEqualTo("7JD1S2X");
        assertThat(d.party(PartyRole.SELLER).orElseThrow().id()).isEqualTo("8WDKMC6");
        assertThat(d.party(PartyRole.CARRIER).orElseThrow().id()).isEqualTo("CR1");
        assertThat(d.transport().borderModeCode()).as("KCS 10 = Rec 19 1, sea").isEqualTo("1");
        assertThat(d.transport().departureCountry()).isEqualTo("HK");
        assertThat(d.items()).hasSize(1);
        GoodsItem i = d.items().get(0);
        assertThat(i.sequence()).isEqualTo(1);
        assertThat(i.commodityCode()).isEqualTo("690722");
        assertThat(i.originCountry()).isEqualTo("CN");
        assertThat(i.netMassKg()).isEqualByComparingTo("11352.0");
        assertThat(i.quantity()).isEqualTo(new Quantity(new BigDecimal("11352.0"), "KGM"));
        assertThat(i.statisticalValue()).isEqualTo(new Money(new BigDecimal("375751.2"), "KRW"));
        assertThat(i.customsValue()).isEqualTo(i.statisticalValue());
        assertThat(i.procedureCode()).isEqualTo("1121");
        assertThat(i.preferenceCode()).isEqualTo("A");
        assertThat(i.additionalInformation()).containsExactly(new AdditionalInformation("PAYMENT_TYPE", "11"),
                new AdditionalInformation("TAX_RATE", "8.0"), new AdditionalInformation("ORIGIN_INDICATOR", "Y"),
                new AdditionalInformation("PROCESS_TYPE", "B"), new AdditionalInformation("DATA_SET", "KCS"));
        assertThat(i.description()).as("KCS has no description column; none is invented").isNull();
        assertThat(new DeclarationValidator(java.time.Clock.systemUTC(), null).validate(d)).isEmpty();
    }

    @Test
    void koreanTransportModesBecomeRec19DigitsAndUnknownCodesAreKeptForTheValidator() throws IOException {
        String[][] cases = {{"10", "1"}, {"20", "2"}, {"30", "3"}, {"40", "4"}, {"50", "5"}, {"90", "9"}, {"1", "1"},
                {"15", "15"}, {"00", "00"}};
        for (String[] c : cases) {
            Declaration d = read(HEADER + "1,2020-01-02,30,B,11,21,11," + c[0] + ",D1,I1,S1,,040890,BE,BE,0.0,FEU1,G,108.0,372254.4,0,0\n")
                    .get(0).declaration();
            assertThat(d.transport().borderModeCode()).as("KCS mode " + c[0]).isEqualTo(c[1]);
            List<String> codes = new DeclarationValidator(java.time.Clock.systemUTC(), null).validate(d).stream().map(Violation::code).toList();
            if (c[1].length() == 1) assertThat(codes).as(c[0]).isEmpty();
            else assertThat(codes).as(c[0]).containsExactly("TRANSPORT_MODE");
        }
    }

    @Test
    void padsShortHsCodesAndOmitsEmptyCourier() throws IOException {
        BulkRow r = read(HEADER + "1,2020-01-02,30,B,11,21,11,10,D1,I1,S1,,40890,BE,BE,0.0,FEU1,G,108.0,372254.4,0,0\n")
                .get(0);
        assertThat(r.declaration().items().get(0).commodityCode()).isEqualTo("040890");
        assertThat(r.declaration().party(PartyRole.CARRIER)).isEmpty();
        assertThat(r.declaration().parties()).hasSize(3);
        assertThat(r.label()).isEqualTo(new BulkRow.Label(false, 0));
    }

    @Test
    void rejectsBadRowsWithColumnCodeAndDataRowNumber() throws IOException {
        List<BulkRow> rows = read(HEADER
                + "1,2020-01-02,30,B,11,21,11,10,D1,I1,S1,,440890,BE,BE,0.0,FEU1,G,108.0,100,0,0\n"
                + "2,2020-13-45,30,B,11,21,11,10,D1,I1,S1,,440890,BE,BE,0.0,FEU1,G,abc,100,0,0\n"
                + ",2020-01-02,30,B,11,21,11,10,D1,I1,S1,,440890,BE,BE,0.0,FEU1,G,10,-5,0,0\n");
        assertThat(rows).extracting(BulkRow::accepted).containsExactly(true, false, false);
        BulkRow bad = rows.get(1);
        assertThat(bad.rowNumber()).isEqualTo(2);
        assertThat(bad.errors()).extracting(Violation::path, Violation::code)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Date", "KCS_BAD_DATE"),
                        org.assertj.core.groups.Tuple.tuple("Net Mass", "KCS_BAD_NUMBER"));
        assertThat(bad.errors()).allSatisfy(v -> assertThat(v.message()).startsWith("row 2:"));
        BulkRow third = rows.get(2);
        assertThat(third.rowNumber()).isEqualTo(3);
        assertThat(third.errors()).extracting(Violation::path, Violation::code)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Declaration ID", "KCS_MISSING_ID"),
                        org.assertj.core.groups.Tuple.tuple("Item Price", "KCS_NEGATIVE"));
    }

    @Test
    void missingColumnsAreNamed() {
        String header = "Declaration ID,Date,Office ID\n1,2020-01-01,30\n";
        assertThatThrownBy(() -> read(header)).isInstanceOf(IOException.class)
                .hasMessageContaining("Process Type").hasMessageContaining("Item Price")
                .hasMessageNotContaining("Office ID");
    }

    @Test
    void labelColumnsAreOptional() throws IOException {
        String h = HEADER.replace(",Fraud,Critical Fraud", "");
        BulkRow r = read(h + "1,2020-01-02,30,B,11,21,11,10,D1,I1,S1,,440890,BE,BE,0.0,FEU1,G,108.0,100\n").get(0);
        assertThat(r.accepted()).isTrue();
        assertThat(r.label()).isNull();
    }
}
