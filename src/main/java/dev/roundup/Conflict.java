package dev.roundup;

/**
 * A request that is well formed but refused by the state of what it changes: someone else saved first (the version
 * it carried is old), or the thing is in a state that does not allow it (an issue already sending). A 409.
 */
public non-sealed class Conflict extends DomainException {

    public Conflict(String message) {
        super(message, null);
    }

    @Override
    public int status() {
        return 409;
    }
}
