package org.smartcustoms.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded random typos of the kinds people make on phones, for measuring the assistant's robustness
 * ({@code assistant evaluate --typos N}): a neighbouring key on a QWERTY keyboard instead of the letter, a dropped
 * letter, a doubled letter, two letters swapped, two words joined (missing space) and phonetic spellings ("licence"
 * → "lisence", "receive" → "recieve", "necessary" → "neccessary"). Only words of four letters or more are touched
 * (never codes or numbers); each question gets {@code typosPerQuestion} typos in distinct words where it has
 * enough. The typos of a question depend only on the seed and the question's text, so a run is repeatable and
 * independent of the file's order.
 *
 * @param seed             the random seed
 * @param typosPerQuestion how many words of each question get a typo (0: questions unchanged)
 */
public record TypoNoise(long seed, int typosPerQuestion) {
    private static final Pattern WORD = Pattern.compile("(?<![\\p{L}\\p{N}-])\\p{L}{4,}(?![\\p{L}\\p{N}-])");
    private static final String[] ROWS = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
    /** Phonetic spellings: a correct spelling's part and how people misspell it. */
    private static final String[][] PHONETIC = {
            {"ence", "ense"}, {"ance", "ence"}, {"ie", "ei"}, {"ei", "ie"}, {"ph", "f"}, {"ss", "s"}, {"ll", "l"},
            {"cc", "c"}, {"rr", "r"}, {"tt", "t"}, {"mm", "m"}, {"ise", "ize"}, {"ize", "ise"}, {"tion", "sion"},
            {"ble", "bel"}, {"ary", "ery"}, {"ous", "us"}, {"ght", "t"}, {"ce", "se"}, {"c", "k"}, {"y", "i"},
            {"able", "ible"}, {"ent", "ant"}, {"ant", "ent"}, {"s", "ss"}, {"c", "cc"}, {"l", "ll"}};

    /** The kinds of typo, drawn with equal chance. */
    public enum Kind { NEIGHBOUR_KEY, DROP, DOUBLE, SWAP, JOIN, PHONETIC }

    public TypoNoise {
        if (typosPerQuestion < 0) throw new IllegalArgumentException("typosPerQuestion must be >= 0");
    }

    /** The question with its typos; unchanged when {@code typosPerQuestion} is 0. */
    public String apply(String question) {
        if (typosPerQuestion == 0 || question == null) return question;
        Random random = new Random(seed * 1_000_003L + question.hashCode());
        String text = question;
        List<Integer> done = new ArrayList<>();   // start offsets of words already changed, in the current text
        for (int t = 0; t < typosPerQuestion; t++) {
            List<int[]> words = new ArrayList<>();
            Matcher m = WORD.matcher(text);
            while (m.find()) if (!done.contains(m.start())) words.add(new int[] {m.start(), m.end()});
            if (words.isEmpty()) break;
            int[] w = words.get(random.nextInt(words.size()));
            String word = text.substring(w[0], w[1]);
            Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
            String changed;
            int end = w[1];
            if (kind == Kind.JOIN && end < text.length() - 1 && text.charAt(end) == ' ' && Character.isLetter(text.charAt(end + 1))) {
                text = text.substring(0, end) + text.substring(end + 1);
                done.add(w[0]);
                continue;
            }
            changed = typo(word, kind == Kind.JOIN ? Kind.DROP : kind, random);
            text = text.substring(0, w[0]) + changed + text.substring(end);
            int shift = changed.length() - word.length();
            for (int i = 0; i < done.size(); i++) if (done.get(i) > w[0]) done.set(i, done.get(i) + shift);
            done.add(w[0]);
        }
        return text;
    }

    static String typo(String word, Kind kind, Random random) {
        int n = word.length();
        int i = 1 + random.nextInt(n - 1);   // people rarely get the first letter wrong
        return switch (kind) {
            case NEIGHBOUR_KEY -> {
                char c = word.charAt(i);
                String keys = neighbours(Character.toLowerCase(c));
                if (keys.isEmpty()) yield word;
                char k = keys.charAt(random.nextInt(keys.length()));
                yield word.substring(0, i) + (Character.isUpperCase(c) ? Character.toUpperCase(k) : k) + word.substring(i + 1);
            }
            case DROP -> word.substring(0, i) + word.substring(i + 1);
            case DOUBLE -> word.substring(0, i + 1) + word.substring(i);
            case SWAP -> {
                int j = Math.min(i, n - 2);
                yield word.substring(0, j) + word.charAt(j + 1) + word.charAt(j) + word.substring(j + 2);
            }
            case PHONETIC -> {
                String lower = word.toLowerCase(Locale.ROOT);
                List<String> options = new ArrayList<>();
                for (String[] p : PHONETIC) {
                    int at = lower.indexOf(p[0], 1);
                    if (at > 0) options.add(word.substring(0, at) + p[1] + word.substring(at + p[0].length()));
                }
                yield options.isEmpty() ? typo(word, Kind.DROP, random) : options.get(random.nextInt(options.size()));
            }
            case JOIN -> word;
        };
    }

    private static String neighbours(char c) {
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < ROWS.length; r++) {
            int col = ROWS[r].indexOf(c);
            if (col < 0) continue;
            if (col > 0) out.append(ROWS[r].charAt(col - 1));
            if (col < ROWS[r].length() - 1) out.append(ROWS[r].charAt(col + 1));
        }
        return out.toString();
    }
}
