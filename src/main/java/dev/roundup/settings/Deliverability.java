package dev.roundup.settings;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.roundup.mail.DkimPublicKey;
import dev.roundup.mail.SmtpConfig;
import dev.roundup.settings.DnsCheck.State;

/**
 * The DNS records a sender publishes so that Gmail, Yahoo and Microsoft accept bulk mail (SPF, DKIM, DMARC), filled
 * in with the From domain in force, and what DNS holds for each now. A lookup that fails says so; it never fails
 * the page.
 */
@ApplicationScoped
class Deliverability {

    @Inject
    NewsletterSettings settings;

    @Inject
    DkimPublicKey dkim;

    @Inject
    SmtpConfig smtp;

    @Inject
    DnsLookup dns;

    /** The From domain and one check per record. */
    record Report(String domain, List<DnsCheck> checks) {
    }

    Report check() {
        String from = settings.from();
        String domain = from.substring(from.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
        return new Report(domain, List.of(spf(domain), dkim(domain), dmarc(domain)));
    }

    private DnsCheck spf(String domain) {
        String relay = smtp.host().map(h -> "Your relay (" + h + ") documents what to include; ").orElse("Your relay documents what to include; ");
        String why = relay + "the record names every server allowed to send mail From " + domain + ", and ~all marks the rest as suspicious.";
        return looked("SPF", domain, "v=spf1 include:<your relay's SPF domain> ~all", why, "v=spf1", DnsRules::spf);
    }

    private DnsCheck dkim(String domain) {
        Optional<DkimPublicKey.Record> record;
        try {
            record = dkim.record();
        } catch (IllegalStateException unreadable) {
            return new DnsCheck("DKIM", "", "", "The signing key could not be read.", State.NOT_CONFIGURED, List.of(), unreadable.getMessage());
        }
        if (record.isEmpty()) {
            return new DnsCheck("DKIM", "<selector>._domainkey." + domain, "", "Roundup signs mail with DKIM once a key is configured.",
                    State.NOT_CONFIGURED, List.of(), "Set roundup.dkim.domain, roundup.dkim.selector and roundup.dkim.private-key (docs/operations.md).");
        }
        DkimPublicKey.Record r = record.get();
        return looked("DKIM", r.name(), r.value(), "The public half of the key Roundup signs every mail with (d=" + r.domain() + ").",
                "v=DKIM1", found -> DnsRules.dkim(found, r.value(), r.domain(), domain));
    }

    private DnsCheck dmarc(String domain) {
        return looked("DMARC", "_dmarc." + domain, "v=DMARC1; p=none; rua=mailto:dmarc@" + domain,
                "Tells receivers what to do with mail that fails SPF and DKIM alignment, and where to send reports; start with p=none.",
                "v=DMARC1", DnsRules::dmarc);
    }

    private DnsCheck looked(String kind, String name, String publish, String why, String tag,
            java.util.function.Function<List<String>, DnsRules.Verdict> rule) {
        try {
            List<String> found = DnsRules.ofKind(dns.txt(name), tag);
            DnsRules.Verdict verdict = rule.apply(found);
            return new DnsCheck(kind, name, publish, why, verdict.state(), found, verdict.note());
        } catch (DnsLookup.Failed failed) {
            return new DnsCheck(kind, name, publish, why, State.UNKNOWN, List.of(), "Could not look up " + name + ": " + failed.getMessage());
        }
    }
}
