package io.qiao.archive.internal;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small read-only tree of a SOAP answer (answers are small; requests with files are never read this way), built with
 * the JDK's StAX reader with DTDs and external entities off. Elements are found by local name: vendors qualify the
 * children of an answer differently, and the names are what a mapping pins down.
 */
public record XmlElement(String namespace, String name, String text, List<XmlElement> children) {
    private static final XMLInputFactory INPUT = inputFactory();

    public XmlElement {
        children = List.copyOf(children);
    }

    /** Parses a document. */
    public static XmlElement parse(byte[] xml) throws XMLStreamException {
        XMLStreamReader r = INPUT.createXMLStreamReader(new ByteArrayInputStream(xml));
        try {
            Deque<Building> open = new ArrayDeque<>();
            XmlElement root = null;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    open.push(new Building(r.getNamespaceURI(), r.getLocalName()));
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    if (!open.isEmpty()) {
                        open.peek().text.append(r.getText());
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    Building b = open.pop();
                    XmlElement e = new XmlElement(b.namespace == null ? "" : b.namespace, b.name,
                            b.children.isEmpty() ? b.text.toString().strip() : "", b.children);
                    if (open.isEmpty()) {
                        root = e;
                    } else {
                        open.peek().children.add(e);
                    }
                }
            }
            if (root == null) {
                throw new XMLStreamException("no root element");
            }
            return root;
        } finally {
            r.close();
        }
    }

    /** The first child with this local name. */
    public Optional<XmlElement> child(String localName) {
        return children.stream().filter(c -> c.name.equals(localName)).findFirst();
    }

    /** The text of the first child with this local name, or null (also for an empty element). */
    public String childText(String localName) {
        return child(localName).map(XmlElement::text).filter(t -> !t.isEmpty()).orElse(null);
    }

    /** Every element below this one (not itself) with this local name, in document order, not looking inside matches. */
    public List<XmlElement> find(String localName) {
        List<XmlElement> out = new ArrayList<>();
        for (XmlElement c : children) {
            if (c.name.equals(localName)) {
                out.add(c);
            } else {
                out.addAll(c.find(localName));
            }
        }
        return out;
    }

    /** The first element below this one with this local name, at any depth. */
    public Optional<XmlElement> first(String localName) {
        List<XmlElement> all = find(localName);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private static final class Building {
        final String namespace;
        final String name;
        final StringBuilder text = new StringBuilder();
        final List<XmlElement> children = new ArrayList<>();

        Building(String namespace, String name) {
            this.namespace = namespace;
            this.name = name;
        }
    }

    private static XMLInputFactory inputFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f;
    }
}
