package dev.roundup.subscribers;

import java.net.IDN;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.EmailAddress;
import dev.roundup.Secrets;

/**
 * The addresses never to mail or import again, kept as keyed hashes of their {@link EmailAddress#key()}, so every
 * spelling of a suppressed address is suppressed. The one place that writes and reads {@link Suppression} rows.
 */
@ApplicationScoped
public class SuppressionList {

    @Inject
    Secrets secrets;

    /** Puts a subscriber's address on the suppression list, as a keyed hash of its key (in the caller's transaction). */
    void add(Subscriber s, String reason) {
        String hash = hash(s.emailKey);
        if (Suppression.count("emailHash", hash) == 0) {
            Suppression entry = new Suppression();
            entry.emailHash = hash;
            entry.reason = reason;
            entry.createdAt = Instant.now();
            entry.persist();
        }
    }

    /** Whether an address, in any spelling, is on the suppression list (bounced, complained, or deleted). */
    public boolean contains(EmailAddress address) {
        return Suppression.count("emailHash in ?1", hashes(address)) > 0;
    }

    /** {@link #contains(EmailAddress)} for an address as typed; false when it is not an address. */
    public boolean contains(String email) {
        return EmailAddress.parse(email).map(this::contains).orElse(false);
    }

    /**
     * The keyed hashes an address may be kept under: the address cannot be read back from them. New entries hash
     * {@link EmailAddress#key()}. Entries written before the key existed hashed the stored address lower-cased, and
     * the stored address had its domain as typed (Unicode or punycode) and its local part as typed (maybe not NFC). A
     * hash cannot be re-keyed, so each of those spellings is looked up too; for plain ASCII addresses they are all the
     * key itself, so this costs nothing for almost every address.
     */
    public List<String> hashes(EmailAddress address) {
        Set<String> hashes = new LinkedHashSet<>();
        hashes.add(hash(address.key()));
        legacyForms(address).forEach(form -> hashes.add(hash(form)));
        return List.copyOf(hashes);
    }

    /** What suppression may have hashed before addresses had a key: lower case of the local and domain as typed. */
    static Set<String> legacyForms(EmailAddress address) {
        String typed = address.display().toLowerCase(Locale.ROOT);
        String key = address.key();
        String keyDomain = key.substring(key.lastIndexOf('@') + 1);
        List<String> locals = List.of(typed.substring(0, typed.lastIndexOf('@')), key.substring(0, key.lastIndexOf('@')));
        List<String> domains = List.of(typed.substring(typed.lastIndexOf('@') + 1), keyDomain,
                IDN.toASCII(keyDomain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT));
        Set<String> forms = new LinkedHashSet<>();
        locals.forEach(local -> domains.forEach(domain -> forms.add(local + "@" + domain)));
        return forms;
    }

    private String hash(String value) {
        String h = secrets.sign("suppression", value);
        return h.length() > 64 ? h.substring(0, 64) : h;
    }
}
