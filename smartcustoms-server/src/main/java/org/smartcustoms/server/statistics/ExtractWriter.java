package org.smartcustoms.server.statistics;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Writes the rows of a research extract as CSV or Parquet. A row is one value per field, in the order of
 * {@link ResearchService#FIELDS}: {@code date} a LocalDate (or its month, when dates are coarsened), {@code value} and
 * {@code duty} longs, {@code netMassKg} a double, everything else text.
 */
interface ExtractWriter extends Closeable {
    void write(Object[] row) throws IOException;

    static ExtractWriter csv(List<String> fields, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(String.join(",", fields));
        w.write('\n');
        return new ExtractWriter() {
            @Override
            public void write(Object[] row) throws IOException {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) line.append(',');
                    line.append(String.valueOf(row[i]).replaceAll("[,\"\\r\\n]", " "));
                }
                w.write(line.append('\n').toString());
            }

            @Override
            public void close() throws IOException { w.close(); }
        };
    }

    /** Parquet schema: {@code date} a DATE (INT32 days), numbers INT64/DOUBLE, text UTF-8 strings; every column required. */
    static MessageType schema(List<String> fields, boolean coarseDates) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (String f : fields) {
            switch (f) {
                case "date" -> {
                    if (coarseDates) b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(f);
                    else b.required(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(f);
                }
                case "value", "duty" -> b.required(PrimitiveTypeName.INT64).named(f);
                case "netMassKg" -> b.required(PrimitiveTypeName.DOUBLE).named(f);
                default -> b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(f);
            }
        }
        return b.named("research_extract");
    }

    /** Parquet (dictionary/RLE-encoded, no block compression) to a local file, without Hadoop's file system (local output file, plain configuration). */
    static ExtractWriter parquet(List<String> fields, boolean coarseDates, Path file) throws IOException {
        MessageType schema = schema(fields, coarseDates);
        ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration())
                .withType(schema)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED) // Hadoop's codecs need its full runtime; dictionary + RLE encodings still apply
                .build();
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        return new ExtractWriter() {
            @Override
            public void write(Object[] row) throws IOException {
                Group g = groups.newGroup();
                for (int i = 0; i < row.length; i++) {
                    String f = fields.get(i);
                    Object v = row[i];
                    if (v instanceof java.time.LocalDate d) g.append(f, (int) d.toEpochDay());
                    else if (v instanceof Long l) g.append(f, l);
                    else if (v instanceof Double d) g.append(f, d);
                    else g.append(f, String.valueOf(v));
                }
                writer.write(g);
            }

            @Override
            public void close() throws IOException { writer.close(); }
        };
    }
}
