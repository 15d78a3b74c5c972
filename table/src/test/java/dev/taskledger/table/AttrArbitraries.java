package dev.taskledger.table;

import java.util.LinkedHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Attribute values of every type, nested up to three levels, with any strings (surrogates and controls too). */
public final class AttrArbitraries {
    private AttrArbitraries() {}

    public static Arbitrary<Attr> attrs() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<Attr> leaf = Arbitraries.oneOf(
                text.map(Attr.S::new),
                Arbitraries.longs().map(n -> (Attr) Attr.n(n)),
                Arbitraries.of(true, false).map(Attr.Bool::new),
                Arbitraries.just(new Attr.Null()));
        return Arbitraries.recursive(
                () -> leaf,
                inner -> Arbitraries.oneOf(
                        inner.list().ofMaxSize(4).map(Attr.L::new),
                        Arbitraries.maps(text, inner).ofMaxSize(4).map(m -> (Attr) new Attr.M(new LinkedHashMap<>(m)))),
                3);
    }
}
