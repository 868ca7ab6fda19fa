package dev.roundup;

/** A request naming something that does not exist (or no longer): a 404 with a message. */
public non-sealed class NotFound extends DomainException {

    public NotFound(String message) {
        super(message, null);
    }

    @Override
    public int status() {
        return 404;
    }
}
