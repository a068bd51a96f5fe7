package org.smartcustoms.server.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench statistics} at a small size: the figures it prints are consistent and the extract holds every item. */
class StatisticsBenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void benchProtectsTheGeneratedTableAndWritesAReadableExtractOfEveryItem() throws Exception {
        Map<String, Object> r = StatisticsBenchCommand.run(5_000, 3, true, true, line -> { });
        assertThat(r.get("items")).isEqualTo(5_000L);
        int cells = (Integer) r.get("cells"), primary = (Integer) r.get("suppressed_primary"), secondary = (Integer) r.get("suppressed_secondary");
        assertThat(cells).isGreaterThan(3000); // beyond the exact audit: protected by sub-tables
        assertThat(r.get("exact_global_audit")).isEqualTo(false);
        assertThat(primary).isPositive();
        assertThat(primary + secondary).isLessThanOrEqualTo(cells);
        assertThat((Double) r.get("value_share_suppressed")).isBetween(0.0, 1.0);
        assertThat(r.get("audit_method")).isEqualTo("sub-tables+local");
        assertThat(r.get("audit_findings")).isEqualTo(0);
        assertThat(r.get("parquet_rows")).isEqualTo(5_000L);
        assertThat((Long) r.get("parquet_bytes")).isPositive();

        // the writer the research API uses, read back: every generated item is a row
        Path file = dir.resolve("extract.parquet");
        long rows = StatisticsBenchCommand.writeParquet(new StatisticsBenchCommand.World(5_000, 3), file);
        assertThat(rows).isEqualTo(5_000);
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            assertThat(reader.getRecordCount()).isEqualTo(5_000);
            assertThat(reader.getFileMetaData().getSchema().getFields().stream().map(org.apache.parquet.schema.Type::getName).toList())
                    .containsExactlyElementsOf(ResearchService.FIELDS);
        }
        assertThat(Files.size(file)).isPositive();
    }
}
