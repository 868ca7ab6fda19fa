package dev.roundup.mail;

import java.io.UnsupportedEncodingException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeUtility;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.roundup.RoundupConfig;

/**
 * The list headers of a newsletter mail, the same for an issue's real send and its test send: List-Unsubscribe (the
 * reader's one-click link, and a mailto: when {@code roundup.send.unsubscribe-mailto} is set), List-Unsubscribe-Post
 * (RFC 8058 one-click) and List-Id (the newsletter's name and {@code newsletter.<base URL host>}).
 */
@ApplicationScoped
public class ListHeaders {

    @Inject
    RoundupConfig roundup;

    @Inject
    SenderIdentity sender;

    /** An optional mailto: address for List-Unsubscribe, beside the one-click link. */
    @ConfigProperty(name = "roundup.send.unsubscribe-mailto")
    Optional<String> unsubscribeMailto;

    private String mailto;
    /** The List-Id and the name it was made from: made again only when the newsletter's name changes. */
    private volatile String[] listId = {"", ""};

    @PostConstruct
    void init() {
        mailto = unsubscribeMailto.map(a -> ", <mailto:" + a + "?subject=unsubscribe>").orElse("");
    }

    private String listId() {
        String name = sender.name();
        String[] current = listId;
        if (!current[0].equals(name)) {
            String host = roundup.baseUrl().getHost();
            try {
                // the name is a phrase before the id: encoded on its own, so the <id> stays readable to filters
                current = new String[] {name, MimeUtility.encodeText(name, "UTF-8", null) + " <newsletter." + (host == null ? "localhost" : host) + ">"};
            } catch (UnsupportedEncodingException impossible) {
                throw new IllegalStateException(impossible);
            }
            listId = current;
        }
        return current[1];
    }

    /** The three headers for a mail whose unsubscribe link is {@code unsubscribeUrl}, in a map the caller may add to. */
    public Map<String, String> of(String unsubscribeUrl) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">" + mailto);
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("List-Id", listId());
        return headers;
    }
}
