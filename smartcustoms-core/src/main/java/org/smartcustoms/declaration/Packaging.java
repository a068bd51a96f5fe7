package org.smartcustoms.declaration;

/** Packaging of a goods item: UN/ECE Rec 21 package type, number of packages, shipping marks. */
public record Packaging(String typeCode, Integer quantity, String marks) {
    public Packaging {
        typeCode = Party.blankToNull(typeCode);
        marks = Party.blankToNull(marks);
    }
}
