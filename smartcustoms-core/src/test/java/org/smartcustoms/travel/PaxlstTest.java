package org.smartcustoms.travel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class PaxlstTest {
    static final String MESSAGE = "UNA:+.? '\nUNB+UNOA:4+NHAIR+JPCUSTOMS+261201:0900+1'\nUNH+1+PAXLST:D:02B:UN:IATA'\nBGM+745'\n"
            + "NAD+MS+++OPS CENTRE'\nTDT+20+NH212'\nLOC+125+LHR'\nDTM+189:2612010900:201'\nLOC+87+HND'\nDTM+232:2612011700:201'\n"
            + "NAD+FL+++O?'BRIEN:MARY:ANN'\nATT+2++F'\nDTM+329:800229'\nNAT+2+IRL'\nDOC+P:110:111+PA1234567'\nDTM+36:300101'\n"
            + "NAD+FL+++TANAKA:TARO'\nATT+2++M'\nDTM+329:020315'\nNAT+2+JPN'\nDOC+P:110:111+TK7654321'\n"
            + "CNT+42:2'\nUNT+22+1'\nUNZ+1+1'";

    @Test
    void readsTheEdifactSubsetWithReleaseCharacters() {
        PassengerList l = Paxlst.read(MESSAGE, "NH212", null);
        assertThat(l.flight()).isEqualTo("NH212");
        assertThat(l.arrivalDate()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(l.passengers()).hasSize(2);
        Passenger p = l.passengers().get(0);
        assertThat(p.surname()).isEqualTo("O'BRIEN");
        assertThat(p.givenNames()).isEqualTo("MARY ANN");
        assertThat(p.birthDate()).isEqualTo(LocalDate.of(1980, 2, 29));
        assertThat(p.nationality()).isEqualTo("IRL");
        assertThat(p.documentNumber()).isEqualTo("PA1234567");
        assertThat(l.passengers().get(1).birthDate()).isEqualTo(LocalDate.of(2002, 3, 15));
    }

    @Test
    void csvAndJsonSayTheSame() {
        PassengerList csv = Paxlst.read("surname,given_names,birth_date,nationality,document_number,sex\nTANAKA,TARO,2002-03-15,JPN,TK7654321,M\n",
                "NH212", LocalDate.of(2026, 12, 1));
        PassengerList json = Paxlst.read("{\"flight\":\"NH212\",\"arrivalDate\":\"2026-12-01\",\"passengers\":[{\"surname\":\"TANAKA\","
                + "\"givenNames\":\"TARO\",\"birthDate\":\"2002-03-15\",\"nationality\":\"JPN\",\"documentNumber\":\"TK7654321\",\"sex\":\"M\"}]}",
                "NH212", null);
        assertThat(csv).isEqualTo(json);
    }

    @Test
    void malformedListsAreRefusedWholeWithEveryProblem() {
        assertThatThrownBy(() -> Paxlst.read(MESSAGE, "NH999", null)).isInstanceOf(PaxlstFormatException.class)
                .hasMessageContaining("not NH999");
        assertThatThrownBy(() -> Paxlst.read(MESSAGE.substring(0, MESSAGE.indexOf("CNT")), "NH212", null))
                .hasMessageContaining("truncated");
        PaxlstFormatException e = (PaxlstFormatException) org.assertj.core.api.Assertions.catchThrowable(() -> Paxlst.read(
                MESSAGE.replace("DTM+329:800229", "DTM+329:801340").replace("NAT+2+JPN", "NAT+2+J1"), "NH212", null));
        assertThat(e.errors()).hasSizeGreaterThanOrEqualTo(2);
        assertThatThrownBy(() -> Paxlst.read("surname\nDOE\n", "NH212", LocalDate.of(2026, 12, 1))).hasMessageContaining("birth_date");
        assertThatThrownBy(() -> Paxlst.read("{\"passengers\":3}", "NH212", LocalDate.of(2026, 12, 1))).hasMessageContaining("array");
        assertThatThrownBy(() -> Paxlst.read("   ", "NH212", null)).hasMessageContaining("empty");
    }
}
