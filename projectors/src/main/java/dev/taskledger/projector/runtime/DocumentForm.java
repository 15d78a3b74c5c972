package dev.taskledger.projector.runtime;

import dev.taskledger.table.Attr;
import dev.taskledger.table.Item;
import java.util.Map;

/**
 * How one kind of projection document is stored: the attributes of its item (keys aside) and how to read it back.
 * The runtime calls {@link #attributes} once per document per write, however many items share the document.
 */
public interface DocumentForm<T> {
    Map<String, Attr> attributes(T document);

    T read(Item item);
}
