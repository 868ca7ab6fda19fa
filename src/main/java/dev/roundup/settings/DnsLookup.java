package dev.roundup.settings;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.ServiceLoader;

import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.spi.InitialContextFactory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Looks TXT records up through the JDK's DNS provider (JNDI), at {@code roundup.dns.server} or the system's resolver.
 * Quarkus turns JNDI's {@code InitialContext} off (JNDI lookups were the Log4Shell door), so the DNS provider is
 * taken from its module's service declaration and asked directly; JNDI stays off for everything else.
 */
@ApplicationScoped
class DnsLookup {

    private static final InitialContextFactory DNS = ServiceLoader.load(InitialContextFactory.class).stream()
            .filter(p -> p.type().getName().equals("com.sun.jndi.dns.DnsContextFactory")).findFirst()
            .orElseThrow(() -> new IllegalStateException("The JDK's DNS provider (module jdk.naming.dns) is missing")).get();

    @Inject
    DnsConfig config;

    /** The lookup did not get an answer: a timeout, a refusal, a server that is not there. */
    static final class Failed extends Exception {
        Failed(String message) {
            super(message);
        }
    }

    /** The TXT values at {@code name}, each with its strings joined; empty when the name or its TXT records do not exist. */
    List<String> txt(String name) throws Failed {
        Hashtable<String, String> env = new Hashtable<>();
        config.server().ifPresent(server -> env.put("java.naming.provider.url", "dns://" + server));
        env.put("com.sun.jndi.dns.timeout.initial", String.valueOf(Math.max(1, config.timeout().toMillis())));
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        DirContext context = null;
        try {
            context = (DirContext) DNS.getInitialContext(env);
            Attribute txt = context.getAttributes(name, new String[] {"TXT"}).get("TXT");
            List<String> values = new ArrayList<>();
            if (txt != null) {
                NamingEnumeration<?> all = txt.getAll();
                while (all.hasMore()) {
                    values.add(joined(String.valueOf(all.next())));
                }
            }
            return values;
        } catch (NameNotFoundException noSuchName) {
            return List.of();
        } catch (NamingException | RuntimeException e) {
            throw new Failed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } finally {
            if (context != null) {
                try {
                    context.close();
                } catch (NamingException ignored) {
                    // nothing held open
                }
            }
        }
    }

    /**
     * One TXT value as JNDI gives it, its character-strings separated by spaces and those holding a space quoted,
     * joined into the one string they mean (RFC 7208 §3.3, RFC 6376 §3.6.2.2: concatenated without spaces).
     */
    static String joined(String jndi) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < jndi.length()) {
            char c = jndi.charAt(i);
            if (c == ' ') {
                i++;
            } else if (c == '"') {
                i++;
                while (i < jndi.length() && jndi.charAt(i) != '"') {
                    if (jndi.charAt(i) == '\\' && i + 1 < jndi.length()) {
                        i++;
                    }
                    out.append(jndi.charAt(i++));
                }
                i++;
            } else {
                while (i < jndi.length() && jndi.charAt(i) != ' ') {
                    out.append(jndi.charAt(i++));
                }
            }
        }
        return out.toString();
    }
}
