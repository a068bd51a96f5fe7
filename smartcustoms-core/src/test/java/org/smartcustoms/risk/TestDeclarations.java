package org.smartcustoms.risk;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.smartcustoms.declaration.FunctionCode;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.DeclarationType;
import org.smartcustoms.declaration.GoodsItem;
import org.smartcustoms.declaration.Money;
import org.smartcustoms.declaration.Party;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.declaration.Quantity;
import org.smartcustoms.declaration.Transport;

/** Small builder of import declarations for risk tests. */
public final class TestDeclarations {
    private final List<Party> parties = new ArrayList<>();
    private final List<GoodsItem> items = new ArrayList<>();
    private String office = "KR0100";
    private LocalDate date = LocalDate.of(2026, 6, 1);

    public static TestDeclarations declaration() {
        return new TestDeclarations().party(PartyRole.IMPORTER, "IMP1", "Importer One");
    }

    public TestDeclarations party(PartyRole role, String id, String name) {
        parties.add(new Party(role, id, name, "KR"));
        return this;
    }

    public TestDeclarations party(Party p) {
        parties.add(p);
        return this;
    }

    public TestDeclarations noParties() {
        parties.clear();
        return this;
    }

    public TestDeclarations office(String o) {
        office = o;
        return this;
    }

    public TestDeclarations date(LocalDate d) {
        date = d;
        return this;
    }

    /** An item: HS code, origin, value (USD), quantity (pieces), net mass (kg). */
    public TestDeclarations item(String hs, String origin, String value, String quantity, String mass) {
        items.add(GoodsItem.simple(items.size() + 1, "goods", hs, origin, new Quantity(new BigDecimal(quantity), "NAR"),
                new BigDecimal(mass), Money.of(value, "USD")));
        return this;
    }

    public Declaration build() {
        if (items.isEmpty()) item("8471300000", "CN", "1000", "10", "20");
        return new Declaration(FunctionCode.ORIGINAL, "LRN1", DeclarationType.parse("IMA"), office, date, parties,
                new Transport("1", null, null, null, null, null, null, "CN", null), null,
                null, "CIF", null, List.of(), items);
    }
}
