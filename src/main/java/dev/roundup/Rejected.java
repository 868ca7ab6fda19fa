package dev.roundup;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request that breaks a rule: a 400 with a message for the person who sent it, optionally naming the field, or
 * naming several fields at once when a whole form was checked ({@link #errors()}).
 */
public non-sealed class Rejected extends DomainException {

    private final Map<String, String> errors;

    public Rejected(String message) {
        super(message, null);
        this.errors = Map.of();
    }

    public Rejected(String field, String message) {
        super(message, field);
        this.errors = Map.of(field, message);
    }

    /** Every field that broke its rule, in the form's order; the first one is {@link #field()}. */
    public Rejected(Map<String, String> errors) {
        super(String.join(" ", errors.values()), errors.keySet().iterator().next());
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    /** What is wrong with each named field; empty when the message is about the request as a whole. */
    public Map<String, String> errors() {
        return errors;
    }

    @Override
    public int status() {
        return 400;
    }
}
