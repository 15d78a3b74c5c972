package dev.taskledger.events;

/**
 * How e-mail addresses compare everywhere (task ownership, notification recipients): surrounding whitespace
 * stripped, the ASCII letters A-Z folded to a-z, and nothing else. Java's {@code equalsIgnoreCase} and
 * {@code toLowerCase} also fold KELVIN SIGN onto {@code k}, LONG S onto {@code s} and dotted capital I onto {@code i},
 * which would let a look-alike address pass for another; here any non-ASCII character must match exactly (and
 * {@code assigned_to} only ever holds ASCII, so such an address matches no assignee).
 */
public final class EmailAddresses {
    private EmailAddresses() {}

    public static String fold(String address) {
        String stripped = address.strip();
        StringBuilder folded = new StringBuilder(stripped.length());
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            folded.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return folded.toString();
    }

    public static boolean same(String a, String b) {
        return fold(a).equals(fold(b));
    }
}
