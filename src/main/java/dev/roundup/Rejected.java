package dev.roundup;

/** A request that breaks a rule: a 400 with a message for the person who sent it, optionally naming the field. */
public non-sealed class Rejected extends DomainException {

    public Rejected(String message) {
        super(message, null);
    }

    public Rejected(String field, String message) {
        super(message, field);
    }

    @Override
    public int status() {
        return 400;
    }
}
