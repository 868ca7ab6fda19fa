package dev.roundup.feeds;

import java.io.Reader;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

import javax.xml.namespace.QName;

import javax.xml.stream.Location;
import javax.xml.stream.XMLEventFactory;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLEventWriter;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.Characters;
import javax.xml.stream.events.StartElement;
import javax.xml.stream.events.XMLEvent;

import com.rometools.rome.io.impl.XmlFixerReader;

import dev.roundup.web.XmlText;

/**
 * Streams a feed document once and copies it with at most {@code max} entries ({@code item} in RSS, {@code entry}
 * in Atom), so Rome, which builds a whole tree in memory, only ever parses a bounded document however many entries a
 * feed sends. On the way it refuses a DOCTYPE (nothing is ever expanded), heals HTML entities as Rome would, and drops
 * the characters XML 1.0 forbids.
 */
final class FeedCut {

    /** The JDK's own parser, whatever StAX implementation the class path brings: its DTD refusal is what we tested. */
    private static final XMLInputFactory INPUT = XMLInputFactory.newDefaultFactory();
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
    private static final XMLEventFactory EVENTS = XMLEventFactory.newFactory();

    static {
        INPUT.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        INPUT.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        INPUT.setProperty(XMLInputFactory.IS_COALESCING, false);
    }

    private static final String RSS_1 = "http://purl.org/rss/1.0/";
    private static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static final String ATOM = "http://www.w3.org/2005/Atom";

    /** Entries sit at most this deep: rss/channel/item, rdf:RDF/item, feed/entry. */
    private static final int ENTRY_DEPTH = 3;

    /** The document as Rome should see it, and how many entries were left out. */
    record Cut(String document, int entriesLeftOut) {
    }

    /** The document declares a DOCTYPE. */
    static final class DoctypeRefused extends Exception {
        DoctypeRefused() {
            super("the document declares a DOCTYPE", null, false, false);
        }
    }

    /** The document is not well-formed XML; {@link #line} says where. */
    static final class Malformed extends Exception {
        final int line;

        Malformed(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    private FeedCut() {
    }

    /** Which StAX implementation reads the documents (for the test that pins it). */
    static String parserName() {
        return INPUT.getClass().getName();
    }

    static Cut cut(Reader document, int max) throws DoctypeRefused, Malformed {
        StringWriter copy = new StringWriter();
        int depth = 0;
        int skipFrom = -1; // depth of the entry being left out, or -1
        int entries = 0;
        int leftOut = 0;
        Deque<QName> open = new ArrayDeque<>(); // the elements around the current one, innermost first
        XMLEventReader in = null;
        try {
            in = INPUT.createXMLEventReader(XmlText.reader(new XmlFixerReader(document)));
            XMLEventWriter out = OUTPUT.createXMLEventWriter(copy);
            while (in.hasNext()) {
                XMLEvent event = in.nextEvent();
                switch (event.getEventType()) {
                    case XMLEvent.DTD -> throw new DoctypeRefused();
                    case XMLEvent.START_DOCUMENT, XMLEvent.END_DOCUMENT, XMLEvent.COMMENT, XMLEvent.PROCESSING_INSTRUCTION -> {
                        continue; // Rome reads the copy as characters: no declaration needed, comments not wanted
                    }
                    case XMLEvent.START_ELEMENT -> {
                        depth++;
                        QName name = event.asStartElement().getName();
                        if (skipFrom < 0 && depth <= ENTRY_DEPTH && isEntry(name, open.peek(), depth)) {
                            if (entries++ >= max) {
                                skipFrom = depth;
                                leftOut++;
                            }
                        }
                        if (skipFrom < 0) {
                            out.add(clean(event.asStartElement()));
                        }
                        open.push(name);
                    }
                    case XMLEvent.END_ELEMENT -> {
                        open.pop();
                        if (skipFrom < 0) {
                            out.add(event);
                        } else if (depth == skipFrom) {
                            skipFrom = -1;
                        }
                        depth--;
                    }
                    case XMLEvent.CHARACTERS, XMLEvent.CDATA, XMLEvent.SPACE -> {
                        if (skipFrom < 0) {
                            Characters text = event.asCharacters();
                            out.add(EVENTS.createCharacters(XmlText.clean(text.getData())));
                        }
                    }
                    default -> {
                        if (skipFrom < 0) {
                            out.add(event);
                        }
                    }
                }
            }
            out.flush();
        } catch (XMLStreamException e) {
            Location at = e.getLocation();
            throw new Malformed(at == null ? 0 : at.getLineNumber(), message(e));
        } finally {
            close(in);
        }
        return new Cut(copy.toString(), leftOut);
    }

    /**
     * Only the feed's own entries count: an RSS 2.0 {@code item} in {@code channel}, an RSS 1.0 {@code item} in
     * {@code rdf:RDF}, an Atom {@code entry} in {@code feed}. An element of the same name inside an entry (another
     * vocabulary's {@code item}, say) must not use up the allowance and push real entries out.
     */
    static boolean isEntry(QName name, QName parent, int depth) {
        if (parent == null) {
            return false;
        }
        String local = name.getLocalPart();
        String ns = name.getNamespaceURI();
        if (depth == 3 && local.equals("item") && ns.isEmpty()) {
            return parent.getLocalPart().equals("channel") && parent.getNamespaceURI().isEmpty();
        }
        if (depth == 2 && local.equals("item") && ns.equals(RSS_1)) {
            return parent.getLocalPart().equals("RDF") && parent.getNamespaceURI().equals(RDF);
        }
        if (depth == 2 && local.equals("entry") && ns.equals(ATOM)) {
            return parent.getLocalPart().equals("feed") && parent.getNamespaceURI().equals(ATOM);
        }
        return false;
    }

    /** The element with its attribute values cleaned; the same event when nothing needed cleaning (nearly always). */
    private static StartElement clean(StartElement e) {
        boolean dirty = false;
        List<Attribute> attributes = new ArrayList<>();
        for (Iterator<Attribute> it = e.getAttributes(); it.hasNext();) {
            Attribute a = it.next();
            String value = XmlText.clean(a.getValue());
            dirty |= !value.equals(a.getValue());
            attributes.add(value.equals(a.getValue()) ? a : EVENTS.createAttribute(a.getName(), value));
        }
        return dirty ? EVENTS.createStartElement(e.getName().getPrefix(), e.getName().getNamespaceURI(), e.getName().getLocalPart(),
                attributes.iterator(), e.getNamespaces(), e.getNamespaceContext()) : e;
    }

    /** The parser's own words, without its "ParseError at [row,col]" preamble. */
    private static String message(XMLStreamException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int at = m.indexOf("Message: ");
        return (at >= 0 ? m.substring(at + "Message: ".length()) : m).strip();
    }

    private static void close(XMLEventReader in) {
        if (in != null) {
            try {
                in.close();
            } catch (XMLStreamException ignored) {
                // nothing left to release: the document is in memory
            }
        }
    }
}
