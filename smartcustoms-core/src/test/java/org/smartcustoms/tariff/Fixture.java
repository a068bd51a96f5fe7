package org.smartcustoms.tariff;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.smartcustoms.declaration.FunctionCode;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DeclarationType;
import org.smartcustoms.declaration.DocumentRef;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Money;
import org.smartcustoms.declaration.Quantity;

/** A small hand-written tariff whose figures the worked examples check by hand. National currency EUR. */
final class Fixture {
    private Fixture() { }

    static final String NOMENCLATURE = """
            code,description,parent,valid_from,valid_to,section
            02,Meat and edible meat offal,,,,I
            0207,Meat and edible offal of poultry,,,,
            09,"Coffee, tea, mate and spices",,,,II
            0901,Coffee,,,,
            090121,"Coffee; roasted, not decaffeinated",,,,
            18,Cocoa and cocoa preparations,,,,IV
            1806,Chocolate and other food preparations containing cocoa,,,,
            22,"Beverages, spirits and vinegar",,,,IV
            2204,Wine of fresh grapes,,,,
            2208,"Spirits, liqueurs and other spirituous beverages",,,,
            220830,Whiskies,,,,
            61,"Apparel, knitted or crocheted",,,,XI
            6109,"T-shirts, singlets and other vests, knitted",,,,
            64,Footwear,,,,XII
            6402,Footwear with uppers of rubber or plastics,,,,
            6404,Footwear with uppers of textile materials,,,,
            84,Machinery and mechanical appliances,,,,XVI
            8415,Air conditioning machines,,,,
            8471,Automatic data processing machines,,,,
            847130,"Portable computers, not more than 10 kg",,,,
            84713000,Laptops and notebooks,,2020-01-01,,
            84713090,Tablets,,2020-01-01,2023-12-31,
            87,Vehicles other than railway rolling stock,,,,XVII
            8703,Motor cars for the transport of persons,,,,
            """;

    static final String RATES = """
            kind,hs_prefix,regime,agreement,origins,rate,valid_from,valid_to,proof,note
            MFN,0207,,,,1.02 EUR/KGM,2020-01-01,,,specific per kg
            MFN,0901,,,,free,2020-01-01,,,
            MFN,090121,,,,7.5%,2020-01-01,,,roasted: more specific prefix wins
            MFN,1806,,,,8.3% + 0.25 EUR/KGM,2020-01-01,,,compound
            MFN,2204,,,,0.32 EUR/LTR,2020-01-01,,,specific per litre
            MFN,2208,,,,free,2020-01-01,,,
            MFN,6109,,,,12%,2020-01-01,,,
            MFN,6402,,,,"max(16.9%, 1.5 EUR/NPR)",2020-01-01,,,mixed: higher of
            MFN,6404,,,,"min(17%, 3.5 EUR/NPR)",2020-01-01,,,mixed: lower of
            MFN,8415,,,,2.7%,2020-01-01,,,
            MFN,8471,,,,free,2020-01-01,,,
            MFN,8703,,,,10%,2020-01-01,,,
            PREF,,EPA,EPA-JP,JP,0%,2019-02-01,,required,
            PREF,,GSP,GSP-LDC,BD KH,0%,2014-01-01,,none,LDC: no proof needed in this fixture
            VAT,,STANDARD,,,20%,2020-01-01,,,
            VAT,01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24,REDUCED,,,5%,2020-01-01,,,food
            VAT,2204 2208,STANDARD,,,20%,2020-01-01,,,alcohol
            EXCISE,2208,,,,6 EUR/LTR,2020-01-01,,,
            """;

    static final String FX = """
            currency,rate,valid_from
            USD,0.90,2023-01-01
            USD,0.95,2024-01-01
            JPY,0.0062,2023-01-01
            """;

    static final LocalDate DATE = LocalDate.of(2024, 3, 1);

    static Nomenclature nomenclature() {
        return new NomenclatureLoader().codes(new StringReader(NOMENCLATURE), "fixture-nomenclature.csv").build();
    }

    static TariffSchedule schedule() {
        return TariffSchedule.parse(new StringReader(RATES), "fixture-rates.csv");
    }

    static ExchangeRateTable fx() {
        return ExchangeRateTable.parse(new StringReader(FX), "fixture-fx.csv", "EUR");
    }

    private static final Assessor ASSESSOR = new Assessor(nomenclature(), schedule(), fx(), AssessmentPolicy.defaults());

    /** Shared: the assessor is immutable, and building the Lucene index once keeps the tests fast. */
    static Assessor assessor() {
        return ASSESSOR;
    }

    static BigDecimal d(String s) { return new BigDecimal(s); }

    static EstimateRequest estimate(String code, String origin, String value, String currency, String qty, String unit) {
        return new EstimateRequest(code, origin, d(value), currency, qty == null ? null : d(qty), unit, DATE, null,
                false, null, null, null);
    }

    static GoodsItem item(int seq, String code, String origin, String value, String currency, Quantity quantity,
                          String netKg, List<DocumentRef> docs) {
        Money v = Money.of(value, currency);
        return new GoodsItem(seq, "goods", code, origin, null, quantity, netKg == null ? null : d(netKg), null, v, v,
                "1", "4000", List.of(), null, List.of(), docs, List.of(), List.of());
    }

    static Declaration declaration(LocalDate date, String terms, GoodsItem... items) {
        return new Declaration(FunctionCode.ORIGINAL, "LRN-1", DeclarationType.parse("IMA"), "OFFICE1", date, List.of(), null, null,
                null, terms, null, List.of(), List.of(items));
    }
}
