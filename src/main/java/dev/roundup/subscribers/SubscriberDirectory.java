package dev.roundup.subscribers;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.roundup.EmailAddress;
import dev.roundup.NotFound;
import dev.roundup.Rejected;
import dev.roundup.TextRules;
import dev.roundup.UniqueKey;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;

/** The editor's view of the list: search, counts, one subscriber's history, and the changes only an editor makes. */
@ApplicationScoped
public class SubscriberDirectory {

    @Inject
    ConfirmationMails mails;

    @Inject
    SuppressionList suppressions;

    /** A search of the list: text in the address or name, and a status. */
    public record Filter(String q, SubscriberStatus status) {
        public static Filter of(String q, String status) {
            SubscriberStatus s = null;
            if (status != null && !status.isBlank()) {
                try {
                    s = SubscriberStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException unknown) {
                    s = null;
                }
            }
            return new Filter(q == null || q.isBlank() ? null : q.strip(), s);
        }

        String where() {
            StringBuilder w = new StringBuilder("1 = 1");
            if (status != null) {
                w.append(" and status = :status");
            }
            if (q != null) {
                w.append(" and (emailKey like :q or lower(email) like :q or lower(name) like :q)");
            }
            return w.toString();
        }

        Parameters parameters() {
            Parameters p = new Parameters();
            if (status != null) {
                p.and("status", status);
            }
            if (q != null) {
                p.and("q", "%" + q.toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%");
            }
            return p;
        }

        public String statusLabel() {
            return status == null ? "" : status.label();
        }

        public String query() {
            return (q == null ? "" : "&q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8))
                    + (status == null ? "" : "&status=" + status.label());
        }
    }

    /** A page of the list, newest first, with whether there is more. */
    public record Listing(List<Subscriber> subscribers, int page, boolean hasNext, long total) {
    }

    public Listing search(Filter filter, int page, int size) {
        PanacheQuery<Subscriber> query = Subscriber.<Subscriber>find(filter.where() + " order by id desc", filter.parameters())
                .page(Page.of(Math.max(0, page), size));
        List<Subscriber> rows = query.list();
        return new Listing(rows, Math.max(0, page), rows.size() == size && query.hasNextPage(), query.count());
    }

    /** Counts per status, and how many left in the last seven days. */
    @Schema(name = "SubscriberCounts")
    public record Counts(Map<String, Long> byStatus, long unsubscribedThisWeek) {
        public long get(String status) {
            return byStatus.getOrDefault(status, 0L);
        }
    }

    public Counts counts() {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (SubscriberStatus s : SubscriberStatus.values()) {
            byStatus.put(s.label(), 0L);
        }
        Subscriber.getEntityManager().createQuery("select s.status, count(s) from Subscriber s group by s.status", Object[].class)
                .getResultList().forEach(row -> byStatus.put(((SubscriberStatus) row[0]).label(), (Long) row[1]));
        long week = Subscriber.count("status = ?1 and unsubscribedAt >= ?2", SubscriberStatus.UNSUBSCRIBED,
                Instant.now().minus(Duration.ofDays(7)));
        return new Counts(byStatus, week);
    }

    /** Adds an address by hand: confirmed at once when the editor vouches for consent, otherwise sent a confirmation. */
    public Subscriber add(String email, String name, boolean confirmed) throws MessagingException {
        EmailAddress address = EmailAddress.parse(email).orElseThrow(() -> new Rejected("email", "Enter a valid email address."));
        String cleanName = TextRules.checkName("name", name);
        Instant now = Instant.now();
        Subscriber added;
        try {
            added = QuarkusTransaction.requiringNew().call(() -> insert(address, cleanName, confirmed, now));
        } catch (RuntimeException e) {
            if (UniqueKey.violated(e)) {
                // added by someone else between our check and our insert
                throw new Rejected("email", "This address is already on the list.");
            }
            throw e;
        }
        if (!confirmed) {
            mails.send(added.id, added.email, added.name, added.publicId);
        }
        return added;
    }

    private Subscriber insert(EmailAddress address, String name, boolean confirmed, Instant now) {
        if (suppressions.contains(address)) {
            throw new Rejected("email", "This address is on the suppression list (it bounced, complained or was deleted).");
        }
        Optional<Subscriber> known = Subscriber.findByEmail(address.key());
        if (known.isPresent()) {
            throw new Rejected("email", known.get().email.equals(address.display()) ? "This address is already on the list."
                    : "This address is already on the list, spelt " + known.get().email + ".");
        }
        Subscriber s = Subscriber.create(address, name, "editor", now);
        s.consentAt = now;
        s.persist();
        SubscriberEvent.record(s, "added", confirmed ? "by an editor, consent asserted" : "by an editor, confirmation sent", now);
        if (confirmed) {
            s.changeTo(SubscriberStatus.CONFIRMED, now, false);
        } else {
            s.confirmationSentAt = now;
        }
        return s;
    }

    public Optional<Subscriber> find(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.<Subscriber>findByIdOptional(id));
    }

    public List<SubscriberEvent> history(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.<Subscriber>findByIdOptional(id)
                .map(SubscriberEvent::history).orElse(List.of()));
    }

    public void rename(long id, String name) {
        String cleanName = TextRules.checkName("name", name);
        QuarkusTransaction.requiringNew().run(() -> {
            Subscriber s = Subscriber.<Subscriber>findByIdOptional(id).orElseThrow(() -> new NotFound("No such subscriber."));
            s.name = cleanName;
            s.updatedAt = Instant.now();
            SubscriberEvent.record(s, "edited", "name changed by an editor", s.updatedAt);
        });
    }

    public void unsubscribe(long id) {
        QuarkusTransaction.requiringNew().run(() -> {
            Subscriber s = Subscriber.<Subscriber>findByIdOptional(id).orElseThrow(() -> new NotFound("No such subscriber."));
            if (s.status.canBecome(SubscriberStatus.UNSUBSCRIBED)) {
                Instant now = Instant.now();
                s.changeTo(SubscriberStatus.UNSUBSCRIBED, now, false);
                SubscriberEvent.record(s, "unsubscribed", "by an editor", now);
            }
        });
    }

    /** Erases a subscriber and their history; only a keyed hash of the address stays, so no import brings it back. */
    public void delete(long id) {
        QuarkusTransaction.requiringNew().run(() -> {
            Subscriber s = Subscriber.<Subscriber>findByIdOptional(id).orElseThrow(() -> new NotFound("No such subscriber."));
            suppressions.add(s, "deleted");
            SubscriberEvent.delete("subscriber", s);
            s.delete();
        });
    }
}
