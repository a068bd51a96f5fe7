package org.smartcustoms.travel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class MrzTest {
    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    /** ICAO Doc 9303 part 4, appendix A: the specimen passport of Utopia. */
    static final String SPECIMEN = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";

    @Test
    void readsTheIcaoSpecimenWithItsCheckDigits() {
        Passport p = Mrz.parse(SPECIMEN, TODAY);
        assertThat(p.documentNumber()).isEqualTo("L898902C3");
        assertThat(p.surname()).isEqualTo("ERIKSSON");
        assertThat(p.givenNames()).isEqualTo("ANNA MARIA");
        assertThat(p.nationality()).isEqualTo("UTO");
        assertThat(p.birthDate()).isEqualTo(LocalDate.of(1974, 8, 12));
        assertThat(p.expiryDate()).isEqualTo(LocalDate.of(2012, 4, 15));
        assertThat(p.sex()).isEqualTo("F");
        assertThat(Mrz.parse(SPECIMEN.replace("\n", ""), TODAY)).isEqualTo(p);
    }

    @Test
    void everyWrongCheckDigitIsNamed() {
        String l2 = SPECIMEN.split("\n")[1];
        String l1 = SPECIMEN.split("\n")[0];
        for (int[] at : new int[][] {{9, 0}, {19, 1}, {27, 2}, {43, 3}}) {
            char c = l2.charAt(at[0]);
            String bad = l2.substring(0, at[0]) + (c == '1' ? '2' : '1') + l2.substring(at[0] + 1);
            String what = new String[] {"document number", "date of birth", "expiry date", "composite"}[at[1]];
            assertThatThrownBy(() -> Mrz.parse(l1 + "\n" + bad, TODAY)).isInstanceOf(MrzException.class).hasMessageContaining(what);
        }
        assertThatThrownBy(() -> Mrz.parse(l1 + "\n" + l2.substring(0, 40), TODAY)).hasMessageContaining("44 characters");
        assertThatThrownBy(() -> Mrz.parse(l1.replace('P', 'I') + "\n" + l2, TODAY)).hasMessageContaining("passport");
        assertThatThrownBy(() -> Mrz.parse(l1.replace("ANNA", "AN#A") + "\n" + l2, TODAY)).isInstanceOf(MrzException.class);
    }

    @Test
    void writtenZonesReadBack() {
        Passport p = new Passport("TK1234567", "JPN", "Tanaka", "Hanako Mei", "JPN", LocalDate.of(1985, 4, 2), "F", LocalDate.of(2031, 5, 1));
        Passport back = Mrz.parse(Mrz.td3(p), TODAY);
        assertThat(back.documentNumber()).isEqualTo("TK1234567");
        assertThat(back.surname()).isEqualTo("TANAKA");
        assertThat(back.givenNames()).isEqualTo("HANAKO MEI");
        assertThat(back.birthDate()).isEqualTo(p.birthDate());
        assertThat(back.expiryDate()).isEqualTo(p.expiryDate());
        // a birth year "25" is 1925 when 2025 would be in the future? no: 2025 is past, so it stays 2025 (a baby)
        Passport baby = new Passport("B1", "JPN", "Sato", "Ren", "JPN", LocalDate.of(2025, 1, 1), "M", null);
        assertThat(Mrz.parse(Mrz.td3(baby), TODAY).birthDate()).isEqualTo(LocalDate.of(2025, 1, 1));
        Passport old = new Passport("O1", "JPN", "Sato", "Ren", "JPN", LocalDate.of(1930, 1, 1), "M", null);
        assertThat(Mrz.parse(Mrz.td3(old), TODAY).birthDate()).isEqualTo(LocalDate.of(1930, 1, 1));
    }
}
