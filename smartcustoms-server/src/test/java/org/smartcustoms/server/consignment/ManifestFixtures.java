package org.smartcustoms.server.consignment;

/** Manifest CSV rows for tests of the manifest API and of capabilities that read consignments (e.g. the assistant). */
public final class ManifestFixtures {
    public static final String HEADER = "consignment_id,house_document,seller_id,seller_name,seller_country,buyer_id,buyer_name,"
            + "buyer_country,buyer_postcode,platform_id,description,hs6,quantity,gross_mass_kg,value,currency,origin";
    public static final String ARRIVAL = "2026-03-02";

    private ManifestFixtures() { }

    /** A row of a 640299 (footwear, 27% duty, de minimis relief) consignment in JPY; its house document is "HAWB" + id. */
    public static String row(String id, String buyer, String seller, String value) {
        return id + ",HAWB" + id + "," + seller + ",\"Seller " + seller + ", Ltd\",CN,," + buyer + ",JP,100-0001,PLAT1,sandals,640299,1,0.4,"
                + value + ",JPY,CN";
    }
}
