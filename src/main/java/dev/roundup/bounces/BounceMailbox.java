package dev.roundup.bounces;

import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Reads the bounce mailbox over IMAP or POP3. Delivery reports that name a Roundup delivery are recorded and then
 * deleted; everything else stays: on IMAP it is marked read, so a person can still look at it.
 */
@ApplicationScoped
public class BounceMailbox {

    private static final Logger LOG = Logger.getLogger(BounceMailbox.class);

    /** Where to read; built from {@link BounceConfig}, or by a test for another protocol. */
    public record Address(String protocol, String host, int port, String username, String password, String folder) {
    }

    /** What one reading found. */
    public record Reading(int messages, int recorded, int alreadySeen, int notFailures, int notReaders, int unmatched, int notReports) {
    }

    @Inject
    BounceConfig config;

    @Inject
    Bounces bounces;

    @Scheduled(every = "{roundup.bounces.check-every}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (configured()) {
            try {
                Reading r = check();
                if (r.messages() > 0) {
                    LOG.infof("Bounce mailbox: %s", r);
                }
            } catch (MessagingException e) {
                LOG.warnf("Could not read the bounce mailbox %s: %s", config.host().orElse(""), e.getMessage());
            }
        }
    }

    public boolean configured() {
        return config.host().isPresent();
    }

    /** Reads the configured mailbox now. */
    public Reading check() throws MessagingException {
        String protocol = config.protocol().toLowerCase();
        int port = config.port().orElse(switch (protocol) {
            case "imap" -> 143;
            case "pop3" -> 110;
            case "pop3s" -> 995;
            default -> 993;
        });
        return check(new Address(protocol, config.host().orElseThrow(() -> new MessagingException("No bounce mailbox is configured (roundup.bounces.host).")),
                port, config.username().orElse(null), config.password().orElse(null), config.folder()));
    }

    public Reading check(Address address) throws MessagingException {
        Properties props = new Properties();
        String p = address.protocol();
        props.put("mail." + p + ".connectiontimeout", "20000");
        props.put("mail." + p + ".timeout", "60000");
        Store store = Session.getInstance(props).getStore(p);
        store.connect(address.host(), address.port(), address.username(), address.password());
        try {
            boolean imap = p.startsWith("imap");
            Folder folder = store.getFolder(imap ? address.folder() : "INBOX");
            folder.open(Folder.READ_WRITE);
            int recorded = 0, seen = 0, notFailures = 0, notReaders = 0, unmatched = 0, notReports = 0;
            Message[] messages = imap ? folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false)) : folder.getMessages();
            try {
                for (Message m : messages) {
                    var report = read(m);
                    if (report.isEmpty()) {
                        notReports++;
                        if (imap) {
                            m.setFlag(Flags.Flag.SEEN, true);
                        }
                        continue;
                    }
                    Bounces.Outcome outcome = bounces.record(report.get());
                    switch (outcome) {
                        case RECORDED -> recorded++;
                        case ALREADY_SEEN -> seen++;
                        case NOT_A_FAILURE -> notFailures++;
                        case NOT_A_READER -> notReaders++;
                        case UNMATCHED -> unmatched++;
                    }
                    if (outcome == Bounces.Outcome.UNMATCHED) {
                        if (imap) {
                            m.setFlag(Flags.Flag.SEEN, true); // someone else's report: left for a person
                        }
                    } else {
                        m.setFlag(Flags.Flag.DELETED, true);
                    }
                }
            } finally {
                folder.close(true); // expunges the deleted reports
            }
            return new Reading(messages.length, recorded, seen, notFailures, notReaders, unmatched, notReports);
        } finally {
            store.close();
        }
    }

    private static java.util.Optional<DeliveryReport> read(Message m) {
        try {
            // a copy in memory: the parser reads the parts more than once
            return DeliveryReport.read(new MimeMessage((MimeMessage) m));
        } catch (Exception e) {
            LOG.debugf("Not a readable delivery report: %s", e.getMessage());
            return java.util.Optional.empty();
        }
    }
}
