package dev.roundup.mail;

/**
 * What the shared mail base ({@code templates/mail/base.html} and {@code base.txt}) shows in every mail: the
 * newsletter's name (masthead and sign-off) and its postal address (the last line), or null when none is set.
 */
public record MailFrame(String newsletter, String postalAddress) {
}
