package org.smartcustoms.knowledge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads knowledge-base entries. CSV: header with {@code id,question,answer} and optionally {@code topic,audience,language}.
 * Markdown: each entry starts with a {@code ## question} heading, optionally followed by {@code id:}, {@code topic:},
 * {@code audience:}, {@code language:} lines; the rest up to the next {@code ##} is the answer. Errors name the line.
 */
public final class KnowledgeBaseImport {
    private KnowledgeBaseImport() { }

    public static List<KnowledgeEntry> csv(Reader reader) throws IOException {
        List<KnowledgeEntry> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get().parse(reader);
        var header = parser.getHeaderMap().keySet().stream().map(h -> h.replace("\uFEFF", "").toLowerCase(Locale.ROOT)).toList();
        for (String need : List.of("id", "question", "answer")) {
            if (!header.contains(need)) throw new IllegalArgumentException("the CSV header must contain " + need);
        }
        for (CSVRecord r : parser) {
            try {
                KnowledgeEntry e = new KnowledgeEntry(get(r, header, "id"), get(r, header, "topic"), get(r, header, "question"),
                        get(r, header, "answer"), get(r, header, "audience"), get(r, header, "language"), 1);
                if (!ids.add(e.id())) throw new IllegalArgumentException("duplicate id " + e.id());
                out.add(e);
            } catch (IllegalArgumentException | NullPointerException ex) {
                throw new IllegalArgumentException("line " + (r.getRecordNumber() + 1) + ": " + ex.getMessage());
            }
        }
        return out;
    }

    private static String get(CSVRecord r, List<String> header, String name) {
        int i = header.indexOf(name);
        return i < 0 || i >= r.size() ? null : r.get(i);
    }

    /** {@link #markdown(Reader)} of a string. */
    public static List<KnowledgeEntry> markdownFrom(String text) {
        try {
            return markdown(new java.io.StringReader(text));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static List<KnowledgeEntry> markdown(Reader reader) throws IOException {
        List<KnowledgeEntry> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        BufferedReader in = new BufferedReader(reader);
        String line, question = null, id = null, topic = null, audience = null, language = null;
        StringBuilder answer = new StringBuilder();
        int lineNo = 0, startLine = 0;
        List<String> lines = new ArrayList<>();
        while ((line = in.readLine()) != null) lines.add(line);
        lines.add("## ");
        for (String l : lines) {
            lineNo++;
            if (l.startsWith("## ")) {
                if (question != null) {
                    try {
                        String eid = id != null ? id : "MD" + (out.size() + 1);
                        KnowledgeEntry e = new KnowledgeEntry(eid, topic, question, answer.toString(), audience, language, 1);
                        if (!ids.add(e.id())) throw new IllegalArgumentException("duplicate id " + e.id());
                        out.add(e);
                    } catch (IllegalArgumentException ex) {
                        throw new IllegalArgumentException("line " + startLine + ": " + ex.getMessage());
                    }
                }
                question = l.substring(3).strip();
                if (question.isEmpty()) question = null;
                id = topic = audience = language = null;
                answer.setLength(0);
                startLine = lineNo;
                continue;
            }
            if (question == null) continue;
            String lower = l.toLowerCase(Locale.ROOT);
            if (answer.isEmpty() && lower.matches("(id|topic|audience|language):.*")) {
                String v = l.substring(l.indexOf(':') + 1).strip();
                switch (lower.substring(0, lower.indexOf(':'))) {
                    case "id" -> id = v;
                    case "topic" -> topic = v;
                    case "audience" -> audience = v;
                    default -> language = v;
                }
            } else if (!(answer.isEmpty() && l.isBlank())) {
                answer.append(l).append('\n');
            }
        }
        return out;
    }
}
