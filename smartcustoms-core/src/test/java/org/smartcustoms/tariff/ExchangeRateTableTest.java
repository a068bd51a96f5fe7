package org.smartcustoms.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class ExchangeRateTableTest {

    @Test
    void rateIsTheLatestOnOrBeforeTheDate_andNationalIsOne() {
        ExchangeRateTable t = Fixture.fx();
        assertThat(t.rate("USD", LocalDate.of(2023, 12, 31))).isEqualByComparingTo("0.90");
        assertThat(t.rate("usd", LocalDate.of(2024, 1, 1))).isEqualByComparingTo("0.95");
        assertThat(t.rate("EUR", LocalDate.of(1990, 1, 1))).isEqualByComparingTo("1");
        assertThat(t.currencies()).containsExactly("JPY", "USD");
        assertThatThrownBy(() -> t.rate("USD", LocalDate.of(2022, 12, 31))).isInstanceOf(MissingExchangeRateException.class);
        assertThatThrownBy(() -> t.rate("XAU", LocalDate.of(2024, 1, 1))).isInstanceOf(MissingExchangeRateException.class);
    }

    @Test
    void badFile_isRejectedWithLineNumbers() {
        String csv = """
                currency,rate,valid_from
                USD,0.9,2024-01-01
                USD,abc,2024-02-01
                US,0.9,2024-03-01
                GBP,-1,2024-01-01
                USD,0.91,2024-01-01
                JPY,0.006,01/01/2024
                """;
        assertThatThrownBy(() -> ExchangeRateTable.parse(new StringReader(csv), "fx.csv", "EUR"))
                .isInstanceOfSatisfying(TariffDataException.class, e -> assertThat(e.errors()).containsExactly(
                        "line 3: rate is not a number: 'abc'",
                        "line 4: currency must be 3 letters: US",
                        "line 5: rate must be positive: -1",
                        "line 6: duplicates line 2",
                        "line 7: valid_from must be ISO yyyy-mm-dd: '01/01/2024'"));
    }
}
